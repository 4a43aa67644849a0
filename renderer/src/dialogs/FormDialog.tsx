// The frame of every form dialog: title, fields, a form-level refusal (role="alert", focused so it
// is read at once), and Cancel / Save. While main works on it, Save says so and is marked
// aria-disabled rather than disabled: a disabled button would drop the focus it holds to <body>.
// Cancel stays live: the dialog closes and the save finishes in main (see useSave).
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../common/contract';
import { ErrorText } from '../errors/ErrorText';
import { Modal } from './Modal';

export interface FormDialogProps {
  testId: string;
  title: ReactNode;
  saving: boolean;
  /** A refusal that belongs to no field. */
  formError?: IpcError | undefined;
  onSubmit(): void;
  onCancel(): void;
  submitLabel?: string;
  /** The field problems shown now: when they change, focus goes to the first invalid field. */
  problems?: object;
  children: ReactNode;
}

export function FormDialog({ testId, title, saving, formError, onSubmit, onCancel, submitLabel, problems, children }: FormDialogProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const form = useRef<HTMLFormElement>(null);
  const alert = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const invalid = [...(form.current?.querySelectorAll<HTMLElement>('[aria-invalid="true"]') ?? [])];
    // A problem in an advanced field must not hide behind a closed <details>.
    for (const field of invalid) {
      const details = field.closest('details');
      if (details) details.open = true;
    }
    invalid[0]?.focus();
  }, [problems]);
  useEffect(() => {
    if (formError) alert.current?.focus();
  }, [formError]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!saving) onSubmit();
  };
  return (
    <Modal titleId={titleId} testId={testId} onCancel={onCancel} className="form-dialog">
      <form ref={form} onSubmit={submit} noValidate aria-busy={saving || undefined}>
        <h2 id={titleId}>{title}</h2>
        {children}
        {formError && (
          <div ref={alert} role="alert" className="alert" tabIndex={-1}>
            <ErrorText error={formError} />
          </div>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onCancel}>
            {t('form.cancel')}
          </button>
          <button type="submit" className="primary" aria-disabled={saving || undefined}>
            {saving ? t('form.saving') : (submitLabel ?? t('form.save'))}
          </button>
        </div>
      </form>
    </Modal>
  );
}
