// The status area's message: what the last action did or why it failed. A transient one (a copy)
// clears itself; one that stops being true (a reload problem since solved) can be taken back, or
// give way to one that still holds.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IpcError } from '../../../common/contract';
import { isTransient, TRANSIENT_MS, type StatusMessage } from '../status/messages';
import type { LoadKind, LoadProblems } from './data';

export interface Status {
  status: StatusMessage | undefined;
  setStatus(message: StatusMessage | undefined): void;
  /** Replaces the message shown now with what `revise` returns for it (itself to keep it). */
  reviseStatus(revise: (message: StatusMessage) => StatusMessage | undefined): void;
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
  const reviseStatus = useCallback((revise: (message: StatusMessage) => StatusMessage | undefined) => {
    setState((now) => (now ? revise(now) : now));
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);

  return { status, setStatus, reviseStatus };
}

const LOAD_KINDS: readonly LoadKind[] = ['catalog', 'sessions'];

function loadFailure(what: LoadKind, error: IpcError): StatusMessage {
  return { kind: 'failed', error, lead: { key: what } };
}

function loadKindOf(message: StatusMessage): LoadKind | undefined {
  const key = message.kind === 'failed' ? message.lead?.key : undefined;
  return key === 'catalog' || key === 'sessions' ? key : undefined;
}

/**
 * Says each reload failure as it comes. Once a kind loads again, the status area takes its
 * failure back, and says the other kind's instead if that one still fails: a catalog that still
 * fails is never hidden by a sessions failure, nor forgotten when the sessions recover. A message
 * the user caused since (an assume, a save) is left alone.
 */
export function useLoadProblems(problems: LoadProblems, { setStatus, reviseStatus }: Pick<Status, 'setStatus' | 'reviseStatus'>): void {
  const said = useRef<LoadProblems>({});
  useEffect(() => {
    const before = said.current;
    said.current = problems;
    for (const what of LOAD_KINDS) {
      const error = problems[what];
      if (error && error !== before[what]) setStatus(loadFailure(what, error));
    }
    const standing = LOAD_KINDS.flatMap((what) => {
      const error = problems[what];
      return error ? [loadFailure(what, error)] : [];
    })[0];
    reviseStatus((message) => {
      const what = loadKindOf(message);
      return what === undefined || problems[what] !== undefined ? message : standing;
    });
  }, [problems, setStatus, reviseStatus]);
}
