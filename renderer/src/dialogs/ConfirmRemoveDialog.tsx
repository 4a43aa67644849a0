// "Remove admin?": removing a user deletes its key from the keychain, removing a role its profile
// and cached session, so it is confirmed first. A refusal (e.g. roles still assumed from the user)
// is shown in the dialog. Cancel stays live while main removes: the removal finishes, and a
// refusal that lands after the dialog closed goes to `onFailedAfterClose`.
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../common/contract';
import { call, type Bridge } from '../bridge';
import { ErrorText } from '../errors/ErrorText';
import { Rich } from '../i18n/rich';
import { Modal } from './Modal';
import { useMounted } from './useMounted';

export interface ConfirmRemoveProps {
  bridge: Bridge;
  kind: 'user' | 'role';
  name: string;
  onRemoved(name: string): void;
  onCancel(): void;
  onFailedAfterClose?(error: IpcError): void;
}

export function ConfirmRemoveDialog({ bridge, kind, name, onRemoved, onCancel, onFailedAfterClose }: ConfirmRemoveProps) {
  const { t } = useTranslation();
  const id = useId();
  const cancelButton = useRef<HTMLButtonElement>(null);
  const mounted = useMounted();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError>();

  const remove = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    const result = await call(bridge, kind === 'user' ? 'user:remove' : 'role:remove', { name });
    if (result.ok) return onRemoved(name);
    if (!mounted.current) return onFailedAfterClose?.(result.error);
    setBusy(false);
    setError(result.error);
  };

  return (
    // Focus starts on Cancel: Enter on a destructive dialog should not destroy.
    <Modal titleId={`${id}-title`} descriptionId={`${id}-body`} testId="confirm-dialog" onCancel={onCancel} initialFocus={cancelButton}>
      <h2 id={`${id}-title`}>
        <Rich k={kind === 'user' ? 'confirm.removeUserTitle' : 'confirm.removeRoleTitle'} values={{ name }} />
      </h2>
      <p id={`${id}-body`}>{kind === 'user' ? t('confirm.removeUserBody') : t('confirm.removeRoleBody')}</p>
      {error && (
        <div role="alert" className="alert">
          <ErrorText error={error} />
        </div>
      )}
      <div className="dialog-buttons">
        <button type="button" ref={cancelButton} onClick={onCancel}>
          {t('confirm.cancel')}
        </button>
        {/* aria-disabled, not disabled: a disabled button would drop its focus to <body>. */}
        <button type="button" className="danger" aria-disabled={busy || undefined} onClick={() => void remove()}>
          {t('confirm.remove')}
        </button>
      </div>
    </Modal>
  );
}
