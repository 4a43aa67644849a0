// Each role row's operation: in flight, or failed (shown as a note under the row, beside whatever
// session the row still has). A failure lasts until dismissed, until the role's session changes
// in a newer sessions view (the CLI or a refresh fixed it), until Stop all, or until the role
// leaves the catalog.
import { useCallback, useMemo, useState } from 'react';
import type { IpcError, SessionView } from '../../../common/contract';

export type RowAction = 'assume' | 'copy' | 'console' | 'stop';

export type OpState =
  | { kind: 'busy' }
  | {
      kind: 'failed';
      action: RowAction;
      error: IpcError;
      /** The role's session (its expiry) when it failed: another one since makes this old news. */
      sessionExpiresAt: string | undefined;
    };

export type OpFailure = Omit<Extract<OpState, { kind: 'failed' }>, 'kind'>;

export interface RowOps {
  /** Marks the row busy; the entry returned is what `settle` later removes. */
  begin(role: string): OpState;
  /** Ends `entry`, unless something newer took the row meanwhile. */
  settle(role: string, entry: OpState): void;
  fail(role: string, failure: OpFailure): void;
  dismiss(role: string): void;
  clearFailures(): void;
  forgetStale(sessions: ReadonlyMap<string, SessionView>): void;
  forgetRolesNotIn(roles: ReadonlySet<string>): void;
}

type Entries = ReadonlyMap<string, OpState>;

export function useRowOps(): { ops: Entries; rowOps: RowOps } {
  const [ops, setOps] = useState<Entries>(new Map());

  /** Removes the entries `drop` picks; keeps the same map (no re-render) when there are none. */
  const remove = useCallback((drop: (role: string, entry: OpState) => boolean) => {
    setOps((previous) => {
      const next = new Map([...previous].filter(([role, entry]) => !drop(role, entry)));
      return next.size === previous.size ? previous : next;
    });
  }, []);
  const put = useCallback((role: string, entry: OpState) => setOps((previous) => new Map(previous).set(role, entry)), []);

  const rowOps = useMemo<RowOps>(
    () => ({
      begin(role) {
        const entry: OpState = { kind: 'busy' };
        put(role, entry);
        return entry;
      },
      settle: (role, entry) => remove((name, current) => name === role && current === entry),
      fail: (role, failure) => put(role, { kind: 'failed', ...failure }),
      dismiss: (role) => remove((name, entry) => name === role && entry.kind === 'failed'),
      clearFailures: () => remove((_, entry) => entry.kind === 'failed'),
      forgetStale: (sessions) => remove((role, entry) => entry.kind === 'failed' && sessions.get(role)?.expiresAt !== entry.sessionExpiresAt),
      forgetRolesNotIn: (roles) => remove((role) => !roles.has(role)),
    }),
    [put, remove],
  );
  return { ops, rowOps };
}
