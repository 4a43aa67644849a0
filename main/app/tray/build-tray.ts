// The tray menu as data: a pure function of the catalog's names, the cached sessions and the
// clock, so every state is tested without Electron. main/app/tray/tray-actions.ts turns the items
// into Electron's menu template and a click back into an operation; main/electron/index.ts rebuilds the
// menu whenever sessions or the catalog change, and once a minute for the minutes left.
import { COPY_EXPORT_FORMATS, type CopyExportFormat } from '../../../common/export-formats';
import type { ConsoleTarget } from '../../../common/inputs';
import type { RenewalProblem, SessionState } from '../../../common/rules';
import { formatMinutes, type MainT } from '../i18n/index';

export interface TrayState {
  /** Catalog order. */
  users: Array<{ name: string; hasMfa: boolean }>;
  /** `user` is the IAM user at the root of the role's chain; `source` is a user or role name. */
  roles: Array<{ name: string; user: string; source: string; direct: boolean }>;
  /** Cached role sessions. */
  sessions: Array<{ role: string; expiresAt: string; state: SessionState }>;
  /** Roles whose next assume would ask for an MFA code. */
  needsMfaCode: string[];
  /** Active sessions that will not renew by themselves. */
  renewal: Array<{ role: string; problem: RenewalProblem }>;
  /** Milliseconds since the epoch. */
  now: number;
  /** process.platform */
  platform: string;
}

export type TrayAction =
  | { kind: 'assume'; role: string }
  | { kind: 'assume-in-window'; role: string }
  | { kind: 'extend-in-window'; role: string }
  | { kind: 'stop'; role: string }
  | { kind: 'copy-export'; role: string; format: CopyExportFormat }
  | { kind: 'open-console'; role: string; target: ConsoleTarget }
  | { kind: 'stop-all' }
  | { kind: 'open' }
  | { kind: 'install-cli' }
  | { kind: 'quit' };

export interface TrayItem {
  type: 'normal' | 'checkbox' | 'separator' | 'submenu';
  label?: string;
  checked?: boolean;
  enabled?: boolean;
  action?: TrayAction;
  submenu?: TrayItem[];
  id?: string;
}

export interface TrayView {
  items: TrayItem[];
  tooltip: string;
  /** macOS only: the short text next to the menu bar icon, while a session is active. */
  title?: string;
}

type Role = TrayState['roles'][number];

/** A session that still gives credentials now. */
interface Live {
  role: string;
  expiresAt: number;
  minutes: number;
  expiring: boolean;
}

const SEPARATOR: TrayItem = { type: 'separator' };

export function minutesLeft(expiresAt: number, now: number): number {
  return Math.max(0, Math.floor((expiresAt - now) / 60_000));
}

/**
 * Sessions with time left, by role. The clock decides as well as the state: a session at or past
 * its expiry is over even if the last status said active (the menu is rebuilt on a timer).
 */
function liveSessions(state: TrayState): Map<string, Live> {
  const live = new Map<string, Live>();
  for (const session of state.sessions) {
    const expiresAt = Date.parse(session.expiresAt);
    if (session.state === 'expired' || Number.isNaN(expiresAt) || expiresAt <= state.now) continue;
    const known = live.get(session.role);
    if (known && known.expiresAt >= expiresAt) continue;
    live.set(session.role, {
      role: session.role,
      expiresAt,
      minutes: minutesLeft(expiresAt, state.now),
      expiring: session.state === 'expiring',
    });
  }
  return live;
}

const byName = (a: Role, b: Role) => a.name.localeCompare(b.name, 'en');

/**
 * One user's roles in chain order: each role the user assumes directly (by name), followed at
 * once by the roles assumed from it, depth first. So "deploy (via admin)" sits right under admin
 * and a chain reads top to bottom as it is assumed. Roles of the user that the walk does not reach
 * (a source role missing from the list) come last, by name, so they can still be used or stopped.
 */
function rolesInChainOrder(user: string, roles: Role[]): Role[] {
  const mine = roles.filter((role) => role.user === user);
  const bySource = new Map<string, Role[]>();
  for (const role of mine) bySource.set(role.source, [...(bySource.get(role.source) ?? []), role]);
  const ordered: Role[] = [];
  const seen = new Set<string>();
  const walk = (source: string) => {
    for (const role of [...(bySource.get(source) ?? [])].sort(byName)) {
      if (seen.has(role.name)) continue; // a loop in a broken catalog must not hang the tray
      seen.add(role.name);
      ordered.push(role);
      walk(role.name);
    }
  };
  walk(user);
  return [...ordered, ...mine.filter((role) => !seen.has(role.name)).sort(byName)];
}

function roleName(role: Role, t: MainT): string {
  return role.source === role.user ? role.name : t('tray.via', { role: role.name, source: role.source });
}

function roleItem(role: Role, state: TrayState, live: Map<string, Live>, t: MainT): TrayItem {
  const name = roleName(role, t);
  const id = `role:${role.name}`;
  const session = live.get(role.name);
  if (session) {
    const time = formatMinutes(session.minutes, t);
    const problem = state.renewal.find((mark) => mark.role === role.name)?.problem;
    if (problem === 'needs-mfa-code') {
      // Two things make sense here, extending with a code and stopping: a submenu offers both,
      // where a single click could only do one (a submenu cannot show a check mark; the minutes
      // left in its label say the session is on).
      return {
        type: 'submenu',
        id,
        label: t('tray.needsCodeToExtend', { role: name, time }),
        submenu: [
          { type: 'normal', id: `extend:${role.name}`, label: t('tray.extend'), action: { kind: 'extend-in-window', role: role.name } },
          { type: 'normal', id: `stop:${role.name}`, label: t('tray.stop'), action: { kind: 'stop', role: role.name } },
        ],
      };
    }
    const key = problem === 'failed' ? 'tray.renewalFailed' : session.expiring ? 'tray.endsSoon' : 'tray.active';
    // Checked means on; clicking a checked item turns it off.
    return { type: 'checkbox', id, checked: true, label: t(key, { role: name, time }), action: { kind: 'stop', role: role.name } };
  }
  if (state.needsMfaCode.includes(role.name)) {
    // The code is typed in the window's MFA dialog: the tray has no text field.
    return { type: 'checkbox', id, checked: false, label: t('tray.needsCode', { role: name }), action: { kind: 'assume-in-window', role: role.name } };
  }
  return { type: 'checkbox', id, checked: false, label: name, action: { kind: 'assume', role: role.name } };
}

function copyExportItem(active: Role[], t: MainT): TrayItem {
  return {
    type: 'submenu',
    id: 'copy-export',
    label: t('tray.copyExport'),
    submenu: active.map((role) => ({
      type: 'submenu',
      id: `copy:${role.name}`,
      label: roleName(role, t),
      submenu: COPY_EXPORT_FORMATS.map((format) => ({
        type: 'normal',
        id: `copy:${role.name}:${format}`,
        label: t(`exportFormat.${format}`),
        action: { kind: 'copy-export', role: role.name, format },
      })),
    })),
  };
}

/** The AWS console of each live role: in the OS browser or in the role's own Rolecall window. */
function openConsoleItem(active: Role[], t: MainT): TrayItem {
  return {
    type: 'submenu',
    id: 'open-console',
    label: t('tray.openConsole'),
    submenu: active.map((role) => ({
      type: 'submenu',
      id: `console:${role.name}`,
      label: roleName(role, t),
      submenu: (['browser', 'rolecall'] as const).map((target) => ({
        type: 'normal',
        id: `console:${role.name}:${target}`,
        label: t(target === 'browser' ? 'tray.consoleInBrowser' : 'tray.consoleInRolecall'),
        action: { kind: 'open-console', role: role.name, target },
      })),
    })),
  };
}

function tooltipAndTitle(live: Map<string, Live>, state: TrayState, t: MainT): Pick<TrayView, 'tooltip' | 'title'> {
  // Every live session counts, even one of a role the menu leaves out: its credentials work.
  const ending = [...live.values()].sort((a, b) => a.expiresAt - b.expiresAt || a.role.localeCompare(b.role, 'en'));
  const first = ending[0];
  if (!first) return { tooltip: t('app.name') };
  const tooltip = t('tray.tooltip', { role: first.role, time: formatMinutes(first.minutes, t) });
  const more = ending.length - 1;
  return {
    tooltip: more > 0 ? t('tray.tooltipMore', { tooltip, count: more }) : tooltip,
    title: state.platform === 'darwin' ? t('tray.title', { role: first.role, minutes: first.minutes }) : undefined,
  };
}

export function buildTray(state: TrayState, t: MainT): TrayView {
  const live = liveSessions(state);
  const open: TrayItem = { type: 'normal', id: 'open', label: t('tray.open'), action: { kind: 'open' } };
  const quit: TrayItem = { type: 'normal', id: 'quit', label: t('tray.quit'), action: { kind: 'quit' } };

  if (state.users.length === 0) {
    return {
      items: [{ type: 'normal', id: 'nothing-yet', label: t('tray.nothingYet'), action: { kind: 'open' } }, SEPARATOR, open, quit],
      ...tooltipAndTitle(live, state, t),
    };
  }

  const items: TrayItem[] = [];
  const shown: Role[] = [];
  for (const user of state.users) {
    // A header, not a command: disabled so it reads as a heading.
    items.push({ type: 'normal', id: `user:${user.name}`, label: user.name, enabled: false });
    // Roles whose root user is not in the list (a broken chain) never reach this loop.
    const roles = rolesInChainOrder(user.name, state.roles);
    if (roles.length === 0) items.push({ type: 'normal', id: `no-roles:${user.name}`, label: t('tray.noRoles'), enabled: false });
    for (const role of roles) {
      items.push(roleItem(role, state, live, t));
      shown.push(role);
    }
  }

  const active = shown.filter((role) => live.has(role.name));
  items.push(SEPARATOR);
  // Copy export only lists something when a session is on; an empty submenu would be a dead end.
  if (active.length > 0) items.push(copyExportItem(active, t), openConsoleItem(active, t));
  items.push(
    { type: 'normal', id: 'stop-all', label: t('tray.stopAll'), enabled: live.size > 0, action: { kind: 'stop-all' } },
    SEPARATOR,
    open,
    { type: 'normal', id: 'install-cli', label: t('menu.installCli'), action: { kind: 'install-cli' } },
    quit,
  );
  return { items, ...tooltipAndTitle(live, state, t) };
}
