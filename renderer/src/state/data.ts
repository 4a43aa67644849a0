// What the window shows, loaded from main: app info, the catalog, the sessions. Reloaded when main
// says something changed (the CLI, a refresh, another window) and after the page's own operations.
// A reload that fails keeps what is shown and says so (`problems`, one per kind, so a sessions
// failure neither hides nor clears a catalog one); a failed first load of the catalog can be
// retried.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppInfo, CatalogListView, IpcError, IpcResult, SessionsView, SettingsView } from '../../../common/contract';
import { call, type Bridge } from '../bridge';
import type { Clock } from './clock';

export type CatalogState = { kind: 'loading' } | { kind: 'no-bridge' } | { kind: 'failed'; error: IpcError } | { kind: 'ready'; catalog: CatalogListView };

/** What a reload loads: each kind fails, and recovers, on its own. */
export type LoadKind = 'catalog' | 'sessions';

/**
 * The reloads that failed while older data stayed on screen, by kind; the next successful reload
 * of a kind clears its own. The same object until something changes.
 */
export type LoadProblems = Readonly<Partial<Record<LoadKind, IpcError>>>;

export interface RolecallData {
  info: AppInfo | undefined;
  catalog: CatalogState;
  sessions: SessionsView | undefined;
  problems: LoadProblems;
  /** Settles once a catalog at least as new as this call has landed (or failed to). */
  reloadCatalog(): Promise<void>;
  /** Settles once sessions at least as new as this call have landed (or failed to). */
  reloadSessions(): Promise<void>;
  /** Loads the catalog again after a failed first load, showing "loading" meanwhile. */
  retry(): void;
  /** Applies settings main just saved, at once (the language switches before any reload). */
  applySettings(settings: SettingsView): void;
}

/** Skews under this are noise (IPC latency), not a clock difference worth correcting. */
const SKEW_TOLERANCE_MS = 2000;

/**
 * Runs `load` so that answers land in the order the calls were made: an answer lands unless a
 * later call's answer already has (then it is older than what is shown), and none lands after
 * unmount. A stream of calls faster than the answers still lands each answer as it comes, rather
 * than waiting for a last call that never comes. Each call's promise settles when an answer to it
 * or to a later call has landed: an operation that waits for it knows the view on screen was taken
 * after the operation finished.
 */
function useOrdered<T>(load: (() => Promise<IpcResult<T>>) | undefined, land: (result: IpcResult<T>) => void): () => Promise<void> {
  const issued = useRef(0);
  const landed = useRef(0);
  const waiting = useRef<Array<{ generation: number; settle: () => void }>>([]);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      for (const waiter of waiting.current.splice(0)) waiter.settle();
    };
  }, []);
  return useCallback(() => {
    if (!load) return Promise.resolve();
    const mine = ++issued.current;
    const settled = new Promise<void>((settle) => waiting.current.push({ generation: mine, settle }));
    void load().then((result) => {
      if (!alive.current || mine < landed.current) return;
      landed.current = mine;
      land(result);
      const done = waiting.current.filter((waiter) => waiter.generation <= mine);
      waiting.current = waiting.current.filter((waiter) => waiter.generation > mine);
      for (const waiter of done) waiter.settle();
    });
    return settled;
  }, [load, land]);
}

export function useRolecallData(bridge: Bridge | undefined, clock: Clock): RolecallData {
  const [info, setInfo] = useState<AppInfo>();
  const [catalog, setCatalog] = useState<CatalogState>(bridge ? { kind: 'loading' } : { kind: 'no-bridge' });
  const [sessions, setSessions] = useState<SessionsView>();
  const [problems, setProblems] = useState<LoadProblems>({});
  // Whether a catalog is on screen: a failure then is a reload's, not the first load's.
  const shown = useRef(false);

  const failed = useCallback((what: LoadKind, error: IpcError) => setProblems((previous) => ({ ...previous, [what]: error })), []);
  const solved = useCallback(
    (what: LoadKind) =>
      setProblems((previous) => {
        if (previous[what] === undefined) return previous;
        const next = { ...previous };
        delete next[what];
        return next;
      }),
    [],
  );

  const loadCatalog = useMemo(() => (bridge ? () => call(bridge, 'catalog:list', {}) : undefined), [bridge]);
  const landCatalog = useCallback(
    (result: IpcResult<CatalogListView>) => {
      if (result.ok) {
        shown.current = true;
        setCatalog({ kind: 'ready', catalog: result.data });
        solved('catalog');
      } else if (shown.current) failed('catalog', result.error);
      else setCatalog({ kind: 'failed', error: result.error });
    },
    [failed, solved],
  );
  const reloadCatalog = useOrdered(loadCatalog, landCatalog);

  const loadSessions = useMemo(() => (bridge ? () => call(bridge, 'sessions:list', {}) : undefined), [bridge]);
  const landSessions = useCallback(
    (result: IpcResult<SessionsView>) => {
      if (!result.ok) return failed('sessions', result.error);
      const skew = Date.parse(result.data.takenAt) - clock.local();
      clock.setOffset(Number.isFinite(skew) && Math.abs(skew) > SKEW_TOLERANCE_MS ? skew : 0);
      setSessions(result.data);
      solved('sessions');
    },
    [clock, failed, solved],
  );
  const reloadSessions = useOrdered(loadSessions, landSessions);

  useEffect(() => {
    if (!bridge) return;
    let live = true;
    void call(bridge, 'app:info', {}).then((result) => {
      if (live && result.ok) setInfo(result.data);
    });
    void reloadCatalog();
    void reloadSessions();
    const unsubscribe = bridge.onEvent((event) => {
      if (event.type === 'catalog:changed') {
        void reloadCatalog();
        // Removing or renaming a role changes which sessions are listed.
        void reloadSessions();
      } else if (event.type === 'sessions:changed') void reloadSessions();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [bridge, reloadCatalog, reloadSessions]);

  const retry = useCallback(() => {
    setCatalog({ kind: 'loading' });
    void reloadCatalog();
    void reloadSessions();
  }, [reloadCatalog, reloadSessions]);

  const applySettings = useCallback((settings: SettingsView) => {
    setCatalog((previous) => (previous.kind === 'ready' ? { kind: 'ready', catalog: { ...previous.catalog, settings } } : previous));
  }, []);

  return { info, catalog, sessions, problems, reloadCatalog, reloadSessions, retry, applySettings };
}
