// The window once the catalog is loaded: toolbar, status, and the users with their roles (or the
// first step when there is no user yet), plus whichever dialog is open.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogListView, SessionView, SessionsView, SettingsView } from '../../common/contract';
import { refreshLeadMs } from '../../common/rules';
import type { Bridge } from './bridge';
import { DialogHost } from './dialogs/DialogHost';
import { preloadDialogs } from './dialogs/form-chunk';
import { BEHIND_MODAL } from './dialogs/modal-stack';
import { useDialogs } from './dialogs/useDialogs';
import { EmptyState } from './EmptyState';
import { useFocusRescue } from './focus';
import { RowActionsContext, type RowActions } from './sessions/actions';
import { expiryMs } from './sessions/phase';
import type { RevealRequest } from './sessions/reveal';
import { RoleList } from './sessions/RoleList';
import type { ListData } from './sessions/RowView';
import { Toolbar } from './sessions/Toolbar';
import { useAssumeRequests, type RequestedAssume } from './state/assume-requests';
import { mfaRoot } from './state/chain';
import { useClock } from './state/clock';
import type { LoadProblems } from './state/data';
import { useOperations } from './state/operations';
import { clockPhase } from './state/role-state';
import { buildRows, countRoles, filterRows, roleRowKey } from './state/rows';
import { useLoadProblems, useStatus } from './state/status';
import { useTimedReload } from './state/timed-reload';
import { KeychainClosed } from './status/KeychainClosed';
import { StatusArea } from './status/StatusArea';

export interface MainViewProps {
  bridge: Bridge;
  catalog: CatalogListView;
  sessions: SessionsView | undefined;
  /** Reloads that failed while this stayed on screen: said in the status area. */
  problems?: LoadProblems;
  reloadCatalog(): Promise<void>;
  reloadSessions(): Promise<void>;
  applySettings(settings: SettingsView): void;
}

const NO_PROBLEMS: LoadProblems = {};

function indexSessions(view: SessionsView | undefined) {
  const roles = new Map<string, SessionView>();
  const mfa = new Map<string, SessionView>();
  for (const session of view?.sessions ?? []) (session.kind === 'role' ? roles : mfa).set(session.name, session);
  return { roles, mfa, needsMfa: new Set(view?.needsMfaCode ?? []), rotationsInterrupted: new Set(view?.rotationsInterrupted ?? []) };
}

export function MainView({ bridge, catalog, sessions, problems = NO_PROBLEMS, reloadCatalog, reloadSessions, applySettings }: MainViewProps) {
  const { t } = useTranslation();
  const clock = useClock();
  const { users, roles } = catalog;
  const { keyAgeWarningDays } = catalog.settings;
  const rows = useMemo(() => buildRows({ users, roles, keyAgeWarningDays }), [users, roles, keyAgeWarningDays]);
  const roleNames = useMemo(() => new Set(roles.map((role) => role.name)), [roles]);
  const [query, setQuery] = useState('');
  const visible = useMemo(() => filterRows(rows, query), [rows, query]);
  const indexed = useMemo(() => indexSessions(sessions), [sessions]);
  const leadMs = refreshLeadMs(catalog.settings.refreshLeadMinutes);
  const { status, setStatus, reviseStatus } = useStatus();
  const { dialog, open, close } = useDialogs(catalog);

  const operations = useOperations({
    bridge,
    sessions: indexed.roles,
    roleNames,
    // Main's list, unless the row shows an active session now (a list older than that session).
    needsMfa: (role) => indexed.needsMfa.has(role) && clockPhase(expiryMs(indexed.roles.get(role)?.expiresAt), leadMs, clock.now()) !== 'active',
    mfaRoot: (role) => mfaRoot({ users, roles }, role),
    reloadSessions,
    setStatus,
  });
  const { actions, ops } = operations;

  const [reveal, setReveal] = useState<RevealRequest>();
  // Latest values for the request handler, which runs when main's answer lands.
  const current = useRef({ visible, ops, actions });
  current.current = { visible, ops, actions };
  const onAssumeRequest = useCallback(
    ({ role, extend }: RequestedAssume) => {
      // A role no longer in the catalog (removed since the tray's menu was built) has no row and
      // nothing to assume: the request is dropped.
      if (!roleNames.has(role)) return;
      const key = roleRowKey(role);
      // The filter must not hide the row the person asked for.
      if (!current.current.visible.some((row) => row.key === key)) setQuery('');
      setReveal({ key, at: Date.now() });
      // As the row's own button: nothing new while the row's operation runs.
      if (current.current.ops.get(role)?.kind === 'busy') return;
      if (extend) current.current.actions.extend(role);
      else current.current.actions.assume(role);
    },
    [roleNames],
  );
  // Once the sessions are known (or failed to load), so the MFA dialog can open before asking main.
  useAssumeRequests(bridge, sessions !== undefined || problems.sessions !== undefined, onAssumeRequest);

  // A reload that failed is said; once that kind loads again, its warning goes.
  useLoadProblems(problems, { setStatus, reviseStatus });
  // main's needs-MFA list holds for the moment it answered: asked again when time changes it.
  useTimedReload(sessions, leadMs, clock, reloadSessions);

  const rowActions = useMemo<RowActions>(
    () => ({
      ...actions,
      editUser: open.editUser,
      removeUser: open.removeUser,
      findRoles: open.findRoles,
      rotateKey: open.rotateKey,
      editRole: open.editRole,
      removeRole: open.removeRole,
    }),
    [actions, open],
  );

  const listData = useMemo<ListData>(
    () => ({ sessions: indexed.roles, mfaSessions: indexed.mfa, needsMfa: indexed.needsMfa, rotationsInterrupted: indexed.rotationsInterrupted, ops, leadMs }),
    [indexed, ops, leadMs],
  );

  // The forms (and the core's schemas they check with) load after the list has painted.
  useEffect(preloadDialogs, []);
  useFocusRescue([visible, listData]);

  const reload = useCallback(() => {
    void reloadCatalog();
    void reloadSessions();
  }, [reloadCatalog, reloadSessions]);
  // Either read may find the keychain closed; the sessions' answer, once there is one, is reloaded most often.
  const keychain = sessions?.keychain ?? catalog.keychain;

  return (
    <RowActionsContext.Provider value={rowActions}>
      <div className="app">
        {/* A modal dialog makes the window inert while open (no focus, no clicks, hidden from
            assistive tech), all but the status area between its parts: a live region inside an
            inert one is not heard. The parts are boxless (display: contents), for the layout. */}
        <div className="app-part" {...BEHIND_MODAL}>
          <header className="app-header">
            <h1>{t('app.name')}</h1>
            <p className="tagline">{t('app.tagline')}</p>
          </header>
          <Toolbar
            query={query}
            onQuery={setQuery}
            shown={countRoles(visible)}
            total={roles.length}
            canAddRole={users.length > 0}
            canStopAll={indexed.roles.size > 0}
            stoppingAll={operations.stoppingAll}
            onAddUser={open.addUser}
            onAddRole={open.addRole}
            onImport={open.importProfiles}
            onSettings={open.settings}
            onStopAll={operations.stopAll}
          />
        </div>
        <StatusArea message={status} />
        <div className="app-part" {...BEHIND_MODAL}>
          <main className="app-main">
            {keychain !== 'ready' && <KeychainClosed state={keychain} onRetry={reload} />}
            {users.length === 0 && roles.length === 0 ? (
              <EmptyState onAddUser={open.addUser} />
            ) : visible.length === 0 ? (
              <p className="note">{t('list.noMatch')}</p>
            ) : (
              <RoleList rows={visible} data={listData} label={t('list.label')} reveal={reveal} />
            )}
          </main>
        </div>
      </div>
      <DialogHost
        bridge={bridge}
        catalog={catalog}
        dialog={dialog}
        operations={operations}
        close={close}
        setStatus={setStatus}
        reviseStatus={reviseStatus}
        reload={reload}
        applySettings={applySettings}
      />
    </RowActionsContext.Provider>
  );
}
