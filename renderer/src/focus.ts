// Where focus goes when the element that had it is gone (a removed row, a dialog's opener that
// left with a reload): the list, else the toolbar's first button, never <body>, where a keyboard
// or screen-reader user would have to start the window over.
import { useEffect, useLayoutEffect, useRef } from 'react';

export const LIST_ID = 'role-list';
export const TOOLBAR_ID = 'toolbar';
/** Marks each list item with its row's key, so focus can go back to the same row. */
export const ROW_ATTRIBUTE = 'data-row';

/** The list item of the row with this key, if it is rendered. */
export function rowElement(key: string | undefined): Element | undefined {
  return [...document.querySelectorAll(`[${ROW_ATTRIBUTE}]`)].find((element) => element.getAttribute(ROW_ATTRIBUTE) === key);
}

export function focusFallback(): void {
  const target = document.getElementById(LIST_ID) ?? document.getElementById(TOOLBAR_ID)?.querySelector<HTMLElement>('button');
  target?.focus();
}

/** Nothing has focus: the page itself does (what a browser does when the focused element goes). */
export function focusIsLost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}

/**
 * Watches where focus was, and when `deps` change (a reload re-rendered the list) and took the
 * focused element with it, puts focus back nearby: on the first button of the same row if the
 * row is still there (Stop goes once the session is stopped), else on the list. A keyboard user
 * must not be left on <body>.
 */
export function useFocusRescue(deps: readonly unknown[]): void {
  const last = useRef<{ element: Element; row: string | undefined } | undefined>(undefined);
  useEffect(() => {
    const remember = (event: FocusEvent) => {
      if (!(event.target instanceof Element)) return;
      // The row now: once the element is gone it has no ancestors left to ask.
      last.current = { element: event.target, row: event.target.closest(`[${ROW_ATTRIBUTE}]`)?.getAttribute(ROW_ATTRIBUTE) ?? undefined };
    };
    document.addEventListener('focusin', remember);
    return () => document.removeEventListener('focusin', remember);
  }, []);
  useLayoutEffect(() => {
    const gone = last.current;
    if (!gone || gone.element.isConnected || !focusIsLost()) return;
    const button = rowElement(gone.row)?.querySelector<HTMLElement>('button');
    if (button) button.focus();
    else focusFallback();
    // The caller's deps: whatever re-renders the list. The hook forwards them, so the linter cannot
    // read them here; the caller lists them.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a dependency list passed through
  }, deps);
}
