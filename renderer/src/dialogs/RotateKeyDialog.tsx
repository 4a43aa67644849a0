// "Rotate key" for one user: a confirmation that says what will happen, then user:rotate (the
// same entry `rolecall user rotate` runs), a progress line while IAM makes the new key and STS
// accepts it, and the outcome: the old and the new key id, or what an interrupted rotation found
// at the start became. Where IAM lets the user manage its keys only with MFA and no MFA session is
// live, main answers MfaCodeRequired and the MFA dialog stacks over this one; its code goes with
// the same request again. A missing permission, the two-key limit and a failed rotation are said
// in words; core's own words beneath name the keys.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError, KeyRotatedView } from '../../../common/contract';
import { call, type Bridge } from '../bridge';
import { ErrorText } from '../errors/ErrorText';
import { Rich } from '../i18n/rich';
import { isAboutTheCode } from '../state/mfa-prompt';
import { MfaDialog } from './MfaDialog';
import { Modal } from './Modal';
import { RotateKeyOutcome } from './RotateKeyOutcome';
import { useMounted } from './useMounted';

type Step = { kind: 'confirm' } | { kind: 'rotating' } | { kind: 'done'; result: KeyRotatedView } | { kind: 'failed'; error: IpcError };

export interface RotateKeyDialogProps {
  bridge: Bridge;
  user: string;
  /** The key Rolecall holds now: the one that will be deactivated and deleted. */
  accessKeyId: string;
  /** The key was replaced: the status area says so (the dialog stays open on the outcome). */
  onRotated(result: KeyRotatedView): void;
  /** main answered, either way: a failed rotation may have changed the key too (finished half-way), so the lists reload. */
  onAnswered(): void;
  onClose(): void;
  onFailedAfterClose?(error: IpcError): void;
}

export function RotateKeyDialog({ bridge, user, accessKeyId, onRotated, onAnswered, onClose, onFailedAfterClose }: RotateKeyDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const mounted = useMounted();
  const [step, setStep] = useState<Step>({ kind: 'confirm' });
  // The MFA dialog is on screen while the rotation waits for a code.
  const [needsCode, setNeedsCode] = useState(false);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  const finished = step.kind === 'done' || step.kind === 'failed';
  useEffect(() => {
    if (finished) closeButton.current?.focus();
  }, [finished]);

  /** main's answer, whichever request it was: the outcome, or the refusal (said after a close too). */
  const landed = (result: { ok: true; data: KeyRotatedView } | { ok: false; error: IpcError }) => {
    onAnswered();
    if (result.ok) {
      onRotated(result.data);
      if (mounted.current) setStep({ kind: 'done', result: result.data });
    } else if (!mounted.current) onFailedAfterClose?.(result.error);
    else setStep({ kind: 'failed', error: result.error });
  };

  const rotate = async () => {
    if (step.kind === 'rotating') return;
    setStep({ kind: 'rotating' });
    const result = await call(bridge, 'user:rotate', { name: user });
    if (!result.ok && result.error.code === 'MfaCodeRequired' && mounted.current) setNeedsCode(true);
    else landed(result);
  };

  const submitCode = async (code: string): Promise<IpcError | undefined> => {
    const result = await call(bridge, 'user:rotate', { name: user, mfaCode: code });
    if (!result.ok && isAboutTheCode(result.error)) return result.error;
    setNeedsCode(false);
    landed(result);
    return undefined;
  };

  // No code: nothing was made (main refused before IAM did anything); the dialog says a code is needed.
  const cancelCode = () => {
    setNeedsCode(false);
    setStep({ kind: 'failed', error: { code: 'MfaCodeRequired', message: '' } });
  };

  const rotating = step.kind === 'rotating';
  // Once rotated, the outcome takes the place of what was about to happen (and describes the dialog).
  const done = step.kind === 'done';
  return (
    <>
      <Modal
        titleId={`${id}-title`}
        descriptionId={done ? `${id}-outcome` : `${id}-intro`}
        testId="rotate-key-dialog"
        onCancel={onClose}
        // Focus starts on Cancel: the old key is deleted, so Enter alone should not rotate.
        initialFocus={cancelButton}
        className="form-dialog rotate-key-dialog"
      >
        <h2 id={`${id}-title`}>
          <Rich k={done ? 'rotateKey.doneTitle' : 'rotateKey.title'} values={{ user }} />
        </h2>
        {!done && (
          <>
            <div id={`${id}-intro`}>
              <p>
                <Rich k="rotateKey.intro" values={{ key: accessKeyId }} />
              </p>
              <ol className="rotate-key-steps">
                <li>{t('rotateKey.stepCreate')}</li>
                <li>{t('rotateKey.stepCheck')}</li>
                <li>{t('rotateKey.stepStore')}</li>
                <li>{t('rotateKey.stepRetire')}</li>
              </ol>
              <p>{t('rotateKey.sessionsStay')}</p>
            </div>
            <p className="note">
              <Rich k="rotateKey.permissions" />
            </p>
          </>
        )}
        <div aria-live="polite" aria-busy={rotating}>
          {rotating && !needsCode && (
            <p className="note" data-testid="rotate-key-progress">
              {t('rotateKey.rotating')}
            </p>
          )}
        </div>
        {step.kind === 'done' && <RotateKeyOutcome id={`${id}-outcome`} result={step.result} />}
        {step.kind === 'failed' && (
          <div role="alert" className="alert" data-testid="rotate-key-error">
            <ErrorText
              error={step.error}
              // IAM refusing before anything was made: the permissions in words. Any other failure
              // may carry facts beneath (what was undone, which key was deleted).
              sentence={step.error.code === 'IamAccessDenied' ? <Rich k="rotateKey.noPermission" values={{ user }} /> : undefined}
              hint={step.error.code !== 'IamAccessDenied'}
            />
          </div>
        )}
        <div className="dialog-buttons">
          {finished ? (
            <>
              {step.kind === 'failed' && (
                <button type="button" onClick={() => void rotate()}>
                  {t('rotateKey.retry')}
                </button>
              )}
              <button type="button" className="primary" ref={closeButton} onClick={onClose}>
                {t('rotateKey.close')}
              </button>
            </>
          ) : (
            <>
              {/* Live while main works: the rotation finishes, and its outcome goes to the status area. */}
              <button type="button" ref={cancelButton} onClick={onClose}>
                {rotating ? t('rotateKey.close') : t('rotateKey.cancel')}
              </button>
              {/* aria-disabled, not disabled: a disabled button would drop its focus to <body>. */}
              <button type="button" className="primary" aria-disabled={rotating || undefined} onClick={() => void rotate()}>
                {t('rotateKey.confirm')}
              </button>
            </>
          )}
        </div>
      </Modal>
      {needsCode && <MfaDialog request={{ action: 'rotate', user }} onSubmit={submitCode} onCancel={cancelCode} />}
    </>
  );
}
