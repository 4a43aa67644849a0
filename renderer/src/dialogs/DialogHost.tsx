// Which dialog is open (at most one), and what each does when it is done: reload, say so in the
// status area, close. The form dialogs come from their own chunk (form-chunk.ts).
import type { CatalogListView, ImportPlanView, SettingsView } from '../../../preload/contract';
import type { Bridge } from '../bridge';
import type { Operations } from '../state/operations';
import type { StatusMessage } from '../status/messages';
import { ConfirmRemoveDialog } from './ConfirmRemoveDialog';
import { ImportDialog } from './ImportDialog';
import { useForms } from './form-chunk';
import { MfaDialog } from './MfaDialog';

export type DialogState =
  | { kind: 'user'; name?: string }
  | { kind: 'role'; name?: string }
  | { kind: 'remove'; target: 'user' | 'role'; name: string }
  | { kind: 'import' }
  | { kind: 'settings' };

export interface DialogHostProps {
  bridge: Bridge;
  catalog: CatalogListView;
  dialog: DialogState | undefined;
  operations: Pick<Operations, 'mfa' | 'submitMfa' | 'cancelMfa'>;
  close(): void;
  setStatus(message: StatusMessage): void;
  reload(): void;
  applySettings(settings: SettingsView): void;
}

export function DialogHost({ bridge, catalog, dialog, operations, close, setStatus, reload, applySettings }: DialogHostProps) {
  const loaded = useForms();
  if (operations.mfa) {
    return <MfaDialog key={`${operations.mfa.user}/${operations.mfa.role}`} request={operations.mfa} onSubmit={operations.submitMfa} onCancel={operations.cancelMfa} />;
  }
  if (!dialog) return null;
  const done = (message: StatusMessage) => {
    close();
    setStatus(message);
    reload();
  };
  switch (dialog.kind) {
    case 'remove':
      return <ConfirmRemoveDialog bridge={bridge} kind={dialog.target} name={dialog.name} onRemoved={(name) => done({ kind: 'removed', name })} onCancel={close} />;
    case 'import':
      return (
        <ImportDialog
          bridge={bridge}
          // The dialog stays open on its result; the list behind it reloads now.
          onImported={(result: ImportPlanView) => {
            setStatus({ kind: 'imported', users: result.users.length, roles: result.roles.length });
            reload();
          }}
          onClose={close}
        />
      );
  }
  // The form dialogs: nothing until their chunk is here (preloaded, so normally already).
  if (!loaded) return null;
  const { UserForm, RoleForm, SettingsDialog } = loaded;
  switch (dialog.kind) {
    case 'user':
      return (
        <UserForm
          bridge={bridge}
          user={catalog.users.find((u) => u.name === dialog.name)}
          onSaved={(view) => done({ kind: 'user-saved', name: view.name, ...(view.identity ? { identity: view.identity } : {}) })}
          onCancel={close}
        />
      );
    case 'role':
      return (
        <RoleForm
          bridge={bridge}
          catalog={catalog}
          role={catalog.roles.find((r) => r.name === dialog.name)}
          onSaved={(role) => done({ kind: 'role-saved', name: role.name })}
          onCancel={close}
        />
      );
    case 'settings':
      return (
        <SettingsDialog
          bridge={bridge}
          settings={catalog.settings}
          onSaved={(settings) => {
            // At once: the language switches before the catalog reloads.
            applySettings(settings);
            done({ kind: 'settings-saved' });
          }}
          onCancel={close}
        />
      );
  }
}
