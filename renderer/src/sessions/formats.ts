// The shells a copy export can be made for, named as their users write them (names, not UI text).
// The renderer only `import type`s the contract, so the list is written here; `satisfies` makes a
// format the contract adds or drops a compile error here rather than a missing menu item.
import type { CopyExportFormat } from '../../../common/export-formats';

const LABELS = {
  bash: 'bash',
  zsh: 'zsh',
  fish: 'fish',
  powershell: 'PowerShell',
} as const satisfies Record<CopyExportFormat, string>;

export const COPY_FORMATS: ReadonlyArray<{ format: CopyExportFormat; label: string }> = (Object.keys(LABELS) as CopyExportFormat[]).map((format) => ({
  format,
  label: LABELS[format],
}));

export function formatLabel(format: CopyExportFormat): string {
  return LABELS[format];
}
