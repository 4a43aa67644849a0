// The dialogs on screen: the open one (useDialogs), and an MFA prompt stacked over it when an
// operation started earlier needs a code, so the form beneath keeps what was typed. Each dialog's
// outcome is said in the status area and reloads what it changed; it closes only its own dialog.
// The form dialogs come from their own chunk (form-chunk.ts); when it cannot be loaded, the
// status area says so and the dialog closes, so opening it again tries again.
import { useEffect } from 'react';
import type { CatalogListView, IpcError, SettingsView } from '../../../common/contract';
import type { Bridge } from '../bridge';
import type { Operations } from '../state/operations';
import type { FailureLead, StatusMessage } from '../status/messages';
import { ConfirmRemoveDialog } from './ConfirmRemoveDialog';
import { useForms } from './form-chunk';
import { FindRolesDialog } from './FindRolesDialog';
import { ImportDialog } from './ImportDialog';
import { MfaDialog } from './MfaDialog';
import { RotateKeyDialog } from './RotateKeyDialog';
import type { DialogState } from './useDialogs';

export interface DialogHostProps {
  bridge: Bridge;
  catalog: CatalogListView;
  dialog: DialogState | undefined;
  operations: Pick<Operations, 'mfa' | 'submitMfa' | 'cancelMfa'>;
  close(which: DialogState): void;
  setStatus(message: StatusMessage): void;
  /** Replaces the message shown now with what `revise` returns for it. */
  reviseStatus(revise: (message: StatusMessage) => StatusMessage | undefined): void;
  reload(): void;
  applySettings(settings: SettingsView): void;
}

type OpenDialogProps = Omit<DialogHostProps, 'dialog' | 'operations'> & { dialog: DialogState };

type FormDialogState = Extract<DialogState, { kind: 'user' | 'role' | 'settings' }>;

/** What a dialog's buttons and answers do: close it (only it), say the outcome, reload. */
function outcomes({ dialog, close, setStatus, reload }: Pick<OpenDialogProps, 'dialog' | 'close' | 'setStatus' | 'reload'>) {
  return {
    cancel: () => close(dialog),
    done: (message: StatusMessage) => {
      close(dialog);
      setStatus(message);
      reload();
    },
    // The dialog was closed while main worked, and main refused: say so rather than lose it.
    failedAfterClose: (lead: FailureLead) => (error: IpcError) => setStatus({ kind: 'failed', lead, error }),
  };
}

function OpenDialog(props: OpenDialogProps) {
  const { bridge, catalog, dialog, setStatus, reload } = props;
  const { cancel, done, failedAfterClose } = outcomes(props);

  switch (dialog.kind) {
    case 'remove':
      return (
        <ConfirmRemoveDialog
          bridge={bridge}
          kind={dialog.target}
          name={dialog.name}
          onRemoved={(name) => done({ kind: 'removed', name })}
          onCancel={cancel}
          onFailedAfterClose={failedAfterClose({ key: 'remove', name: dialog.name })}
        />
      );
    case 'import':
      return (
        <ImportDialog
          bridge={bridge}
          catalogRoles={catalog.roles.map((role) => role.name)}
          // The dialog stays open on its result; the list behind it reloads now.
          onImported={(result) => {
            setStatus({ kind: 'imported', users: result.users.length, roles: result.roles.length });
            reload();
          }}
          onClose={cancel}
          onFailedAfterClose={failedAfterClose({ key: 'import' })}
        />
      );
    case 'find-roles':
      return (
        <FindRolesDialog
          bridge={bridge}
          user={dialog.user}
          catalog={catalog}
          // The dialog stays open on what was added; the list behind it reloads now.
          onAdded={(result) => {
            if (result.added.length > 0) setStatus({ kind: 'roles-found', user: result.user, names: result.added.map((role) => role.name) });
            reload();
          }}
          onClose={cancel}
          onFailedAfterClose={failedAfterClose({ key: 'findRoles', name: dialog.user })}
        />
      );
    case 'rotate-key':
      return (
        <RotateKeyDialog
          bridge={bridge}
          user={dialog.user}
          accessKeyId={dialog.accessKeyId}
          // The dialog stays open on the outcome; the list behind it reloads now (the new key id and age).
          onRotated={(result) => setStatus({ kind: 'key-rotated', view: result })}
          onAnswered={reload}
          onClose={cancel}
          onFailedAfterClose={failedAfterClose({ key: 'rotateKey', name: dialog.user })}
        />
      );
    default:
      return <FormDialogs {...props} dialog={dialog} />;
  }
}

/** The dialogs from the forms chunk: nothing until it is here (preloaded, so normally already). */
function FormDialogs(props: OpenDialogProps & { dialog: FormDialogState }) {
  const { bridge, catalog, dialog, close, setStatus, reviseStatus, applySettings } = props;
  const forms = useForms((error) => {
    close(dialog);
    setStatus({
      kind: 'failed',
      lead: { key: 'openDialog' },
      error: { code: 'DialogUnavailable', message: error instanceof Error ? error.message : String(error) },
    });
  });
  // Loaded now: a failure said before (with its "open it again") no longer holds.
  const loaded = forms !== undefined;
  useEffect(() => {
    if (loaded) reviseStatus((message) => (message.kind === 'failed' && message.lead?.key === 'openDialog' ? undefined : message));
  }, [loaded, reviseStatus]);
  if (!forms) return null;
  const { cancel, done, failedAfterClose } = outcomes(props);
  const { UserForm, RoleForm, SettingsDialog } = forms;
  switch (dialog.kind) {
    case 'user':
      return (
        <UserForm
          bridge={bridge}
          user={dialog.user}
          onSaved={(view) =>
            done({
              kind: 'user-saved',
              name: view.name,
              ...(view.identity === undefined ? {} : { identity: view.identity }),
              ...(view.unverifiedBecause === undefined ? {} : { unverifiedBecause: view.unverifiedBecause }),
            })
          }
          onCancel={cancel}
          onFailedAfterClose={(error, name) => failedAfterClose({ key: 'save', name })(error)}
        />
      );
    case 'role':
      return (
        <RoleForm
          bridge={bridge}
          catalog={catalog}
          role={dialog.role}
          onSaved={(role) => done({ kind: 'role-saved', name: role.name })}
          onCancel={cancel}
          onFailedAfterClose={(error, name) => failedAfterClose({ key: 'save', name })(error)}
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
          onCancel={cancel}
          onFailedAfterClose={failedAfterClose({ key: 'saveSettings' })}
        />
      );
  }
}

export function DialogHost({ dialog, operations, ...rest }: DialogHostProps) {
  const { mfa } = operations;
  return (
    <>
      {dialog && <OpenDialog dialog={dialog} {...rest} />}
      {mfa && (
        <MfaDialog
          key={`${mfa.user}/${mfa.role}/${mfa.action === 'copy' ? mfa.format : mfa.action === 'console' ? `console-${mfa.target}` : mfa.action}`}
          request={mfa}
          onSubmit={operations.submitMfa}
          onCancel={operations.cancelMfa}
        />
      )}
    </>
  );
}
