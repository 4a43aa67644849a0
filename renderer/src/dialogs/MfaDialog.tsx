// Asks for one 6-digit code when an assume, a copy, a console, Find roles or Rotate key needs one. It submits
// by itself on the sixth digit (once), keeps digits only from what is typed or pasted, and on a
// refusal about the code stays open with the field cleared and the reason in words. While the code
// is checked the field is read-only and Submit aria-disabled, not disabled: a disabled control
// would drop focus to <body>. "Checking the code…" is announced from a live region.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../common/contract';
import { ErrorText } from '../errors/ErrorText';
import { Rich } from '../i18n/rich';
import type { MfaRequest } from '../state/mfa-prompt';
import { codeDigits } from './digits';
import { Modal } from './Modal';
import { useMounted } from './useMounted';

/**
 * An IAM call of the user's own that IAM allows only with MFA, so the code starts its MFA session:
 * Find roles (listing roles) and Rotate key (managing its access keys).
 */
export interface IamMfaRequest {
  action: 'discover' | 'rotate';
  user: string;
}

export type MfaDialogRequest = MfaRequest | IamMfaRequest;

const isIamRequest = (request: MfaDialogRequest): request is IamMfaRequest => request.action === 'discover' || request.action === 'rotate';

export interface MfaDialogProps {
  request: MfaDialogRequest;
  onSubmit(code: string): Promise<IpcError | undefined>;
  onCancel(): void;
}

/** What the code is for, as the dialog says it. */
function mfaPurposeKey(request: MfaDialogRequest): 'mfa.forCopy' | 'mfa.forConsole' | 'mfa.forExtend' | 'mfa.forAssume' | 'mfa.forDiscover' | 'mfa.forRotate' {
  if (isIamRequest(request)) return request.action === 'discover' ? 'mfa.forDiscover' : 'mfa.forRotate';
  if (request.action === 'copy') return 'mfa.forCopy';
  if (request.action === 'console') return 'mfa.forConsole';
  return request.refresh ? 'mfa.forExtend' : 'mfa.forAssume';
}

export function MfaDialog({ request, onSubmit, onCancel }: MfaDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<IpcError>();
  // A ref, not state: two change events in one frame must not both submit.
  const inFlight = useRef(false);
  const mounted = useMounted();

  // Ready for the next code: focus on the field (Submit may have had it).
  useEffect(() => {
    if (!submitting) input.current?.focus();
  }, [submitting]);

  const submit = async (digits: string) => {
    if (inFlight.current || digits.length !== 6) return;
    inFlight.current = true;
    setSubmitting(true);
    setError(undefined);
    const refusal = await onSubmit(digits);
    inFlight.current = false;
    if (!mounted.current) return;
    setSubmitting(false);
    if (refusal) {
      setError(refusal);
      setCode('');
    }
  };

  const onChange = (value: string) => {
    const digits = codeDigits(value);
    setCode(digits);
    if (digits.length === 6) void submit(digits);
  };

  const onFormSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(code);
  };

  const titleId = `${id}-title`;
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  return (
    <Modal titleId={titleId} descriptionId={descriptionId} testId="mfa-dialog" onCancel={onCancel} initialFocus={input}>
      <form onSubmit={onFormSubmit} noValidate>
        <h2 id={titleId}>
          <Rich k="mfa.title" values={{ user: request.user }} />
        </h2>
        <p id={descriptionId}>
          <Rich k={mfaPurposeKey(request)} values={isIamRequest(request) ? {} : { role: request.role }} />
        </p>
        <p className="note">
          {isIamRequest(request) || request.direct === undefined ? (
            t('mfa.sessionNote')
          ) : request.direct === request.role ? (
            t('mfa.directNote')
          ) : (
            <Rich k="mfa.directChainNote" values={{ role: request.direct }} />
          )}
        </p>
        <div className="field">
          <label htmlFor={`${id}-code`}>{t('mfa.code')}</label>
          <input
            ref={input}
            id={`${id}-code`}
            className="mfa-code"
            value={code}
            onChange={(event) => onChange(event.target.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            spellCheck={false}
            readOnly={submitting}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
        </div>
        <p className="note live-note" aria-live="polite">
          {submitting ? t('mfa.submitting') : ''}
        </p>
        {error && (
          <div role="alert" data-testid="mfa-error" className="alert">
            <ErrorText error={error} id={errorId} />
          </div>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onCancel}>
            {t('mfa.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!submitting && code.length !== 6} aria-disabled={submitting || undefined}>
            {t('mfa.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
