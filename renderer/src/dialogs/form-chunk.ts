// The form dialogs (with zod and the core's schemas) live in a chunk of their own, split from the
// first bundle: the list paints without them, and they load while the user looks at it.
// Not React.lazy: a lazy component suspends on its first render even when its chunk is already
// here, and React may hold a suspended reveal back for a few hundred milliseconds. Loaded once,
// the forms render at once. A load that failed is forgotten, so the next dialog opened tries again.
import { useEffect, useRef, useState } from 'react';
import type * as LazyForms from './lazy-forms';

export type FormChunk = typeof LazyForms;

let forms: FormChunk | undefined;
let loading: Promise<FormChunk> | undefined;

function loadForms(): Promise<FormChunk> {
  loading ??= import('./lazy-forms').then(
    (module) => (forms = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * Starts loading the form dialogs (once), so the first one opens without a wait. A failure here
 * is not the user's concern yet: opening a form tries again, and says so if that fails too.
 */
export function preloadDialogs(): void {
  loadForms().catch(() => undefined);
}

/**
 * The form dialogs once their chunk is here; undefined until then (and the caller re-renders).
 * `onFailed` hears why the chunk could not be loaded (the caller says so and closes its dialog).
 */
export function useForms(onFailed: (error: unknown) => void): FormChunk | undefined {
  const [loaded, setLoaded] = useState(forms);
  const failed = useRef(onFailed);
  failed.current = onFailed;
  useEffect(() => {
    if (loaded) return;
    let live = true;
    loadForms().then(
      (module) => {
        if (live) setLoaded(module);
      },
      (error: unknown) => {
        if (live) failed.current(error);
      },
    );
    return () => {
      live = false;
    };
  }, [loaded]);
  return loaded;
}
