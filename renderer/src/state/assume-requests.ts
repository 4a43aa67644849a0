// The tray and desktop notifications ask the window to assume a role: main keeps the request in a
// one-slot box and says `assume:requested`; the page takes it then, and once on load (the window
// may have been opened by that very click, before the page listened). A take is once only (main
// empties the box), so an answer is never thrown away: it is handed on even if the effect that
// asked has since been cleaned up (StrictMode runs effects twice), as long as the view is mounted.
import { useCallback, useEffect, useRef } from 'react';
import { call, type Bridge } from '../bridge';

export interface RequestedAssume {
  role: string;
  /** The role has a live session: assume a new one (`refresh`), not the cached one. */
  extend: boolean;
}

/**
 * Takes main's waiting request once `ready` (the sessions are known, so the page can tell whether a
 * code is needed before asking main), and again on each `assume:requested`; `onRequest` gets each
 * one that names a role.
 */
export function useAssumeRequests(bridge: Bridge, ready: boolean, onRequest: (request: RequestedAssume) => void): void {
  const latest = useRef({ ready, onRequest });
  latest.current = { ready, onRequest };
  const mounted = useRef(true);
  // A request heard (or the load's own) before the page was ready: taken once it is.
  const waiting = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const take = useCallback(() => {
    waiting.current = false;
    void call(bridge, 'assume:take-request', {}).then((result) => {
      // A failed take is dropped: the person can click the tray again, and a warning here would be
      // about a click they may not connect it with.
      if (!mounted.current || !result.ok || result.data.role === undefined) return;
      latest.current.onRequest({ role: result.data.role, extend: result.data.extend });
    });
  }, [bridge]);

  useEffect(
    () =>
      bridge.onEvent((event) => {
        if (event.type !== 'assume:requested') return;
        if (latest.current.ready) take();
        else waiting.current = true;
      }),
    [bridge, take],
  );

  useEffect(() => {
    if (ready && waiting.current) take();
  }, [ready, take]);
}
