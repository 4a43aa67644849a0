// The shells a copy export can be made for, named as their users write them (names, not UI text).
import type { CopyExportFormat } from '../../../preload/contract';

export const COPY_FORMATS: ReadonlyArray<{ format: CopyExportFormat; label: string }> = [
  { format: 'bash', label: 'bash' },
  { format: 'zsh', label: 'zsh' },
  { format: 'fish', label: 'fish' },
  { format: 'powershell', label: 'PowerShell' },
];

export function formatLabel(format: CopyExportFormat): string {
  return COPY_FORMATS.find((f) => f.format === format)?.label ?? format;
}
