// The form dialogs (with zod and the core's schemas) live in a chunk of their own, split from the
// first bundle: the list paints without them, and they load while the user looks at it.
// Not React.lazy: a lazy component suspends on its first render even when its chunk is already
// here, and React may hold a suspended reveal back for a few hundred milliseconds. Loaded once,
// the forms render at once.
import { useEffect, useState } from 'react';
import type * as LazyForms from './lazy-forms';

export type FormChunk = typeof LazyForms;

let forms: FormChunk | undefined;
let loading: Promise<void> | undefined;

function loadForms(): Promise<void> {
  loading ??= import('./lazy-forms').then((module) => {
    forms = module;
  });
  return loading;
}

/** Starts loading the form dialogs (once), so the first one opens without a wait. */
export function preloadDialogs(): void {
  void loadForms();
}

/** The form dialogs once their chunk is here; undefined until then (and the caller re-renders). */
export function useForms(): FormChunk | undefined {
  const [loaded, setLoaded] = useState(forms);
  useEffect(() => {
    if (!loaded) void loadForms().then(() => setLoaded(forms));
  }, [loaded]);
  return loaded;
}
