// Where focus goes when the element that had it is gone (a removed row, a dialog's opener that
// left with a reload): the list, else the toolbar's first button, never <body>, where a keyboard
// or screen-reader user would have to start the window over.
import { useEffect, useLayoutEffect, useRef } from 'react';

export const LIST_ID = 'role-list';
export const TOOLBAR_ID = 'toolbar';

export function focusFallback(): void {
  const target = document.getElementById(LIST_ID) ?? document.getElementById(TOOLBAR_ID)?.querySelector<HTMLElement>('button');
  target?.focus();
}

/** Nothing has focus: the page itself does (what a browser does when the focused element goes). */
export function focusIsLost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}

/**
 * Watches where focus was, and when `shown` changes (a reload re-rendered the list) and took the
 * focused element with it, moves focus to the fallback: a removed row must not leave the keyboard
 * user on <body>.
 */
export function useFocusRescue(shown: unknown): void {
  const last = useRef<Element | null>(null);
  useEffect(() => {
    const remember = (event: FocusEvent) => {
      last.current = event.target instanceof Element ? event.target : null;
    };
    document.addEventListener('focusin', remember);
    return () => document.removeEventListener('focusin', remember);
  }, []);
  useLayoutEffect(() => {
    if (last.current && !last.current.isConnected && focusIsLost()) focusFallback();
  }, [shown]);
}
