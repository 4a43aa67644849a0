// What a session can be exported as: the CLI prints all of them; the window and the tray copy the
// shells only (dotenv and json are for files and programs, not for pasting into a terminal).

export const EXPORT_FORMATS = ['bash', 'zsh', 'fish', 'powershell', 'dotenv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The shells the window and the tray can copy an export for. */
export const COPY_EXPORT_FORMATS = ['bash', 'zsh', 'fish', 'powershell'] as const satisfies readonly ExportFormat[];
export type CopyExportFormat = (typeof COPY_EXPORT_FORMATS)[number];

/** The command that points a shell at the app's credential endpoint, as the Settings dialog names it (data, not UI text). */
export const SERVER_EXPORT_COMMAND = 'rolecall export <role> --server';
