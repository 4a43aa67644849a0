// A form's values and the one change handler every text field uses, so each form does not
// rebuild its own.
import { useCallback, useState } from 'react';

/** The fields typed exactly `string`: the only ones a text box may set to whatever was typed. */
type TextField<T> = { [K in keyof T]-?: string extends T[K] ? (T[K] extends string ? K : never) : never }[keyof T];

export function useFormValues<T extends object>(initial: () => T) {
  const [values, setValues] = useState<T>(initial);
  /** The onChange of the text field bound to `field`. */
  const set = useCallback((field: TextField<T>) => (event: { target: { value: string } }) => setValues((previous) => ({ ...previous, [field]: event.target.value })), []);
  return { values, setValues, set };
}
