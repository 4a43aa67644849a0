// Sending a checked form to main: field problems land next to their field, the rest above the
// buttons; the dialog closes only when main accepted it.
import { useState } from 'react';
import type { IpcError, IpcResult } from '../../../preload/contract';
import { refusalField, type FieldErrors } from './issues';

export function useSave<F extends string>(fields: readonly F[]) {
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<IpcError>();

  async function save<T>(send: () => Promise<IpcResult<T>>, done: (data: T) => void) {
    setSaving(true);
    setFormError(undefined);
    const result = await send();
    setSaving(false);
    if (result.ok) return done(result.data);
    const field = refusalField(result.error, fields);
    if (field) setErrors({ [field]: { refusal: result.error } } as FieldErrors<F>);
    else setFormError(result.error);
  }

  return { saving, errors, setErrors, formError, save };
}
