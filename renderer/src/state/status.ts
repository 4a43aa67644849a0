// The status area's message: what the last action did or why it failed. A transient one (a copy)
// clears itself; one that stops being true (a reload problem since solved) can be taken back.
import { useCallback, useEffect, useRef, useState } from 'react';
import { isTransient, TRANSIENT_MS, type StatusMessage } from '../status/messages';

export interface Status {
  status: StatusMessage | undefined;
  setStatus(message: StatusMessage | undefined): void;
  /** Clears the message shown now if `stale` says it no longer holds. */
  clearStatus(stale: (message: StatusMessage) => boolean): void;
}

export function useStatus(): Status {
  const [status, setState] = useState<StatusMessage>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const setStatus = useCallback((message: StatusMessage | undefined) => {
    clearTimeout(timer.current);
    setState(message);
    if (message && isTransient(message)) {
      timer.current = setTimeout(() => setState((now) => (now === message ? undefined : now)), TRANSIENT_MS);
    }
  }, []);
  const clearStatus = useCallback((stale: (message: StatusMessage) => boolean) => {
    setState((now) => (now && stale(now) ? undefined : now));
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);

  return { status, setStatus, clearStatus };
}
