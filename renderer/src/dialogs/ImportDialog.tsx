// Import from the shared AWS files in two steps: main's preview of what would be added and
// skipped, then, once confirmed, the import itself and its result. Cancel stays live while the
// import runs: it finishes in main, and a refusal after the dialog closed goes to
// `onFailedAfterClose`.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPlanView, IpcError } from '../../../common/contract';
import { call, type Bridge } from '../bridge';
import { ErrorText } from '../errors/ErrorText';
import { ImportPlan } from './ImportPlan';
import { Modal } from './Modal';
import { useMounted } from './useMounted';

type Step =
  | { kind: 'loading' }
  | { kind: 'preview'; plan: ImportPlanView; error?: IpcError }
  | { kind: 'running'; plan: ImportPlanView }
  | { kind: 'done'; result: ImportPlanView }
  | { kind: 'failed'; error: IpcError };

export interface ImportDialogProps {
  bridge: Bridge;
  /** Roles already in the catalog: an imported role sourced from one is chained. */
  catalogRoles: readonly string[];
  onImported(result: ImportPlanView): void;
  onClose(): void;
  onFailedAfterClose?(error: IpcError): void;
}

export function ImportDialog({ bridge, catalogRoles, onImported, onClose, onFailedAfterClose }: ImportDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const mounted = useMounted();
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  const [removePlaintext, setRemovePlaintext] = useState(false);
  const closeButton = useRef<HTMLButtonElement>(null);
  const finished = step.kind === 'done' || step.kind === 'failed';
  // Confirm and Cancel give way to Close: focus follows, rather than falling to the page.
  useEffect(() => {
    if (finished) closeButton.current?.focus();
  }, [finished]);

  useEffect(() => {
    let live = true;
    void call(bridge, 'import:preview', {}).then((result) => {
      if (live) setStep(result.ok ? { kind: 'preview', plan: result.data } : { kind: 'failed', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [bridge]);

  const confirm = async (plan: ImportPlanView) => {
    setStep({ kind: 'running', plan });
    const result = await call(bridge, 'import:run', { removePlaintext });
    if (result.ok) {
      setStep({ kind: 'done', result: result.data });
      onImported(result.data);
    } else if (mounted.current) setStep({ kind: 'preview', plan, error: result.error });
    else onFailedAfterClose?.(result.error);
  };

  const plan = step.kind === 'preview' || step.kind === 'running' ? step.plan : undefined;
  const hasWork = plan !== undefined && plan.users.length + plan.roles.length > 0;
  const error = step.kind === 'failed' || step.kind === 'preview' ? step.error : undefined;
  return (
    <Modal titleId={`${id}-title`} testId="import-dialog" onCancel={onClose} className="form-dialog">
      <h2 id={`${id}-title`}>{t('importDialog.title')}</h2>
      <div aria-live="polite" aria-busy={step.kind === 'loading' || step.kind === 'running'}>
        {step.kind === 'loading' && <p className="note">{t('importDialog.loading')}</p>}
        {step.kind === 'running' && <p className="note">{t('importDialog.running')}</p>}
        {step.kind === 'done' && <p>{t('importDialog.done')}</p>}
      </div>
      {plan && <ImportPlan plan={plan} catalogRoles={catalogRoles} />}
      {step.kind === 'done' && (
        <>
          <ImportPlan plan={step.result} catalogRoles={catalogRoles} />
          {step.result.plaintextRemoved.length > 0 && (
            <p>
              {t('importDialog.plaintextRemoved')}{' '}
              <span translate="no" className="data">
                {step.result.plaintextRemoved.join(', ')}
              </span>
            </p>
          )}
        </>
      )}
      {hasWork && (
        <label className="choice">
          <input type="checkbox" checked={removePlaintext} disabled={step.kind === 'running'} onChange={(event) => setRemovePlaintext(event.target.checked)} />
          {t('importDialog.removePlaintext')}
        </label>
      )}
      {error && (
        <div role="alert" className="alert">
          <ErrorText error={error} />
        </div>
      )}
      <div className="dialog-buttons">
        {finished ? (
          <button type="button" className="primary" ref={closeButton} onClick={onClose}>
            {t('importDialog.close')}
          </button>
        ) : (
          <>
            <button type="button" onClick={onClose}>
              {t('importDialog.cancel')}
            </button>
            {/* Nothing to import: disabled. Running: aria-disabled, so the focus it holds stays. */}
            <button
              type="button"
              className="primary"
              disabled={!hasWork}
              aria-disabled={step.kind === 'running' || undefined}
              onClick={() => step.kind === 'preview' && void confirm(step.plan)}
            >
              {t('importDialog.confirm')}
            </button>
          </>
        )}
      </div>
    </Modal>
  );
}
