// A labelled form control with its hint and its problem beneath it, wired for assistive tech:
// the label names the control, aria-describedby reads the problem then the hint, aria-invalid
// marks it.
import { useId, type ReactNode } from 'react';
import { ErrorText } from '../errors/ErrorText';
import { Rich } from '../i18n/rich';
import type { FieldProblem } from './issues';

export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  problem?: FieldProblem | undefined;
  children(control: ControlProps): ReactNode;
}

export function Field({ label, hint, problem, children }: FieldProps) {
  const id = useId();
  const problemId = `${id}-problem`;
  const hintId = `${id}-hint`;
  const describedBy = [problem ? problemId : undefined, hint ? hintId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': problem ? true : undefined, 'aria-describedby': describedBy })}
      {problem && (
        <div className="field-problem" id={problemId}>
          {'issue' in problem ? (
            <p>
              <Rich k={`validation.${problem.issue.key}`} values={problem.issue.values} />
            </p>
          ) : (
            <ErrorText error={problem.refusal} />
          )}
        </div>
      )}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
