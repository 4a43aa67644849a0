// From the tray's data to Electron and back, without importing Electron: the template below has
// the shape of Electron's MenuItemConstructorOptions (main/electron/index.ts passes it to
// Menu.buildFromTemplate), and a click becomes a TrayAction that dispatchTrayAction maps onto
// the app's operations. Both are tested as they are.
import type { CopyExportFormat } from '../../../common/export-formats';
import type { ConsoleTarget } from '../../../common/inputs';
import type { TrayAction, TrayItem } from './build-tray';

/** What the tray can make the app do; main/electron/index.ts provides them. */
export interface TrayOperations {
  assume(role: string): Promise<void>;
  stop(role: string): Promise<void>;
  stopAll(): Promise<void>;
  copyExport(role: string, format: CopyExportFormat): Promise<void>;
  /** Opens the AWS console as a live role; main opens the sign-in URL itself. */
  openConsole(role: string, target: ConsoleTarget): Promise<void>;
  openWindow(): void;
  /** Shows the window and its MFA dialog for the role: to assume it, or to extend its session. */
  requestInWindow(role: string, extend: boolean): void;
  installCli(): Promise<void>;
  quit(): void;
}

/** Runs the action; an operation's failure is the caller's to show (the promise rejects). */
export async function dispatchTrayAction(action: TrayAction, ops: TrayOperations): Promise<void> {
  switch (action.kind) {
    case 'assume':
      return ops.assume(action.role);
    case 'assume-in-window':
      return ops.requestInWindow(action.role, false);
    case 'extend-in-window':
      return ops.requestInWindow(action.role, true);
    case 'stop':
      return ops.stop(action.role);
    case 'copy-export':
      return ops.copyExport(action.role, action.format);
    case 'open-console':
      return ops.openConsole(action.role, action.target);
    case 'stop-all':
      return ops.stopAll();
    case 'open':
      return ops.openWindow();
    case 'install-cli':
      return ops.installCli();
    case 'quit':
      return ops.quit();
    default: {
      // A TrayAction added without a case here fails to compile.
      const unknown: never = action;
      throw new Error(`Unknown tray action: ${(unknown as { kind: string }).kind}`);
    }
  }
}

/** The subset of Electron's MenuItemConstructorOptions the tray uses. */
export interface MenuTemplateItem {
  type: TrayItem['type'];
  id?: string;
  label?: string;
  checked?: boolean;
  enabled?: boolean;
  submenu?: MenuTemplateItem[];
  click?: () => void;
}

/**
 * Electron's template for the items. Electron flips a checkbox's `checked` itself when it is
 * clicked; that is harmless, since the click only asks for an operation and main/electron/index.ts builds
 * the menu again from the state that operation leaves (a failed assume stays unchecked).
 */
export function toMenuTemplate(items: TrayItem[], onAction: (action: TrayAction) => void): MenuTemplateItem[] {
  return items.map((item) => {
    const entry: MenuTemplateItem = { type: item.type };
    if (item.id !== undefined) entry.id = item.id;
    if (item.label !== undefined) entry.label = item.label;
    if (item.checked !== undefined) entry.checked = item.checked;
    if (item.enabled !== undefined) entry.enabled = item.enabled;
    if (item.submenu) entry.submenu = toMenuTemplate(item.submenu, onAction);
    const action = item.action;
    if (action) entry.click = () => onAction(action);
    return entry;
  });
}
