// Sending a checked form to main: field problems land next to their field, the rest above the
// buttons; the dialog closes only when main accepted it. A dialog closed while main was saving
// lets the save finish: success is reported as usual, a refusal goes to `failedAfterClose`.
import { useState } from 'react';
import type { IpcError, IpcResult } from '../../../common/contract';
import { useMounted } from '../dialogs/useMounted';
import { refusalField, type FieldErrors } from './issues';

export function useSave<F extends string>(fields: readonly F[]) {
  const mounted = useMounted();
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<IpcError>();

  async function save<T>(send: () => Promise<IpcResult<T>>, done: (data: T) => void, failedAfterClose?: (error: IpcError) => void) {
    setSaving(true);
    setFormError(undefined);
    const result = await send();
    if (mounted.current) setSaving(false);
    if (result.ok) return done(result.data);
    if (!mounted.current) return failedAfterClose?.(result.error);
    const field = refusalField(result.error, fields);
    if (field) setErrors({ [field]: { refusal: result.error } } as FieldErrors<F>);
    else setFormError(result.error);
  }

  return { saving, errors, setErrors, formError, save };
}
