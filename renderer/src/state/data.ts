// What the window shows, loaded from main: app info, the catalog, the sessions. Reloaded when main
// says something changed (the CLI, a refresh, another window) and after the page's own operations.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppInfo, CatalogListView, IpcError, SessionsView, SettingsView } from '../../../preload/contract';
import { call, type Bridge } from '../bridge';
import type { Clock } from './clock';

export type CatalogState =
  | { kind: 'loading' }
  | { kind: 'no-bridge' }
  | { kind: 'failed'; error: IpcError }
  | { kind: 'ready'; catalog: CatalogListView };

export interface RolecallData {
  info: AppInfo | undefined;
  catalog: CatalogState;
  sessions: SessionsView | undefined;
  reloadCatalog(): void;
  reloadSessions(): void;
  /** Applies settings main just saved, at once (the language switches before any reload). */
  applySettings(settings: SettingsView): void;
}

/** Skews under this are noise (IPC latency), not a clock difference worth correcting. */
const SKEW_TOLERANCE_MS = 2000;

/** Runs `load` so that only the latest call's answer lands, and none after unmount. */
function useLatest<T>(load: () => Promise<T | undefined>, land: (value: T) => void) {
  const generation = useRef(0);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  return useCallback(() => {
    const mine = ++generation.current;
    void load().then((value) => {
      if (value !== undefined && alive.current && mine === generation.current) land(value);
    });
  }, [load, land]);
}

export function useRolecallData(bridge: Bridge | undefined, clock: Clock): RolecallData {
  const [info, setInfo] = useState<AppInfo>();
  const [catalog, setCatalog] = useState<CatalogState>(bridge ? { kind: 'loading' } : { kind: 'no-bridge' });
  const [sessions, setSessions] = useState<SessionsView>();

  const loadCatalog = useCallback(async (): Promise<CatalogState | undefined> => {
    if (!bridge) return undefined;
    const result = await call(bridge, 'catalog:list', {});
    return result.ok ? { kind: 'ready', catalog: result.data } : { kind: 'failed', error: result.error };
  }, [bridge]);
  const landCatalog = useCallback((next: CatalogState) => {
    // A failed reload keeps the catalog already shown; only a first load shows the failure.
    setCatalog((previous) => (next.kind === 'failed' && previous.kind === 'ready' ? previous : next));
  }, []);
  const reloadCatalog = useLatest(loadCatalog, landCatalog);

  const loadSessions = useCallback(async () => {
    if (!bridge) return undefined;
    const result = await call(bridge, 'sessions:list', {});
    return result.ok ? result.data : undefined;
  }, [bridge]);
  const landSessions = useCallback(
    (view: SessionsView) => {
      const skew = Date.parse(view.takenAt) - Date.now();
      clock.setOffset(Number.isFinite(skew) && Math.abs(skew) > SKEW_TOLERANCE_MS ? skew : 0);
      setSessions(view);
    },
    [clock],
  );
  const reloadSessions = useLatest(loadSessions, landSessions);

  useEffect(() => {
    if (!bridge) return;
    let live = true;
    void call(bridge, 'app:info', {}).then((result) => {
      if (live && result.ok) setInfo(result.data);
    });
    reloadCatalog();
    reloadSessions();
    const unsubscribe = bridge.onEvent((event) => {
      if (event.type === 'catalog:changed') {
        reloadCatalog();
        // Removing or renaming a role changes which sessions are listed.
        reloadSessions();
      } else if (event.type === 'sessions:changed') reloadSessions();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [bridge, reloadCatalog, reloadSessions]);

  const applySettings = useCallback((settings: SettingsView) => {
    setCatalog((previous) => (previous.kind === 'ready' ? { kind: 'ready', catalog: { ...previous.catalog, settings } } : previous));
  }, []);

  return { info, catalog, sessions, reloadCatalog, reloadSessions, applySettings };
}
