import type { Core } from '../core';
import { formatExport } from '../exports/shell-format';
import type { Notice } from '../sessions/notices';
import { exportInput, type ExportInput } from '../../../common/inputs';
import { parseInput } from './parse-input';
import { roleCredentials, type Interaction } from './sessions';

/** An export and what may be shown about it. `text` holds the secrets: it goes to stdout or the clipboard, nowhere else. */
export interface ExportText {
  text: string;
  role: string;
  expiresAt: string;
  notices: Notice[];
}

/** A role's credentials (cached or new) as shell statements, without writing its profile. */
export async function exportText(core: Core, input: ExportInput, interaction: Interaction = {}): Promise<ExportText> {
  const { name, format, mfaCode } = parseInput(exportInput, input, 'export request');
  const { session, notices } = await roleCredentials(core, { name, mfaCode }, interaction);
  return { text: formatExport(session, format), role: name, expiresAt: session.expiration, notices };
}
