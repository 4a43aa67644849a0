// Bringing one row into view and onto focus, for a request from the tray or a notification: the
// person clicked a role elsewhere and the window should show where it is. Focus lands on the row's
// first button (Assume), as focus rescue does, so a dialog that opens for it returns there.
import { useLayoutEffect, useRef } from 'react';
import { topModal } from '../dialogs/modal-stack';
import { rowElement } from '../focus';
import type { RowModel } from '../state/rows';

/** A new object per request: the same row asked for twice is revealed twice. */
export interface RevealRequest {
  key: string;
  /** Date.now() when asked. */
  at: number;
}

/**
 * A row the virtualiser has not rendered is scrolled to first and focused once it is; past this it
 * is given up, so a row that shows up much later (the person scrolled there) does not grab focus.
 */
const GIVE_UP_MS = 1000;

/**
 * Requests already carried out, whichever list did it: the list remounts when the filter moves it
 * across the virtualising threshold, and the new one must not take focus for an old request.
 */
const handled = new WeakSet<RevealRequest>();

export function useRevealRow(reveal: RevealRequest | undefined, rows: readonly RowModel[], scrollToIndex?: (index: number) => void): void {
  const scrolled = useRef<RevealRequest | undefined>(undefined);
  // After every render: the row may appear only a render or two after the virtualiser scrolled.
  useLayoutEffect(() => {
    if (!reveal || handled.has(reveal)) return;
    const item = rowElement(reveal.key);
    if (item) {
      handled.add(reveal);
      // jsdom has no scrollIntoView; browsers do.
      if ('scrollIntoView' in item) item.scrollIntoView({ block: 'nearest' });
      // Behind a dialog the row is inert: focus stays in the dialog.
      if (!topModal()) item.querySelector<HTMLElement>('button')?.focus();
      return;
    }
    const index = rows.findIndex((row) => row.key === reveal.key);
    if (index === -1 || Date.now() - reveal.at > GIVE_UP_MS) {
      handled.add(reveal);
      return;
    }
    if (scrollToIndex && scrolled.current !== reveal) {
      scrolled.current = reveal;
      // After the commit: the virtualiser re-renders synchronously (flushSync) when it scrolls.
      queueMicrotask(() => scrollToIndex(index));
    }
  });
}
