// What the window may see of core's results. Every view is built field by field from a
// whitelist, never by spreading core's objects: a field core adds tomorrow (or a secret an object
// happens to carry) cannot reach the renderer unless it is named here and in the contract.
import type {
  AssumedView,
  CatalogListView,
  CatalogRoleView,
  ImportPlanView,
  NoticeView,
  RenewalProblem,
  SessionsView,
  SessionStatus,
  SessionView,
  SettingsView,
  UserSavedView,
} from '../../common/contract';
import type { Role, Settings } from '../../common/catalog-schema';
import type { ImportPlan } from '../core/operations/import';
import type { CatalogView } from '../core/operations/list';
import type { AssumeResult } from '../core/operations/sessions';
import type { AddedUser } from '../core/operations/users';
import type { SessionsOverview } from '../core/operations/sessions-overview';
import { currentRenewalProblems, type RenewalMark } from '../core/scheduler/renewal';
import type { Notice } from '../core/sessions/notices';

/** `{ key: value }` when the value is there, `{}` otherwise: optional fields stay absent, not undefined. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

export function toRoleView(r: Role): CatalogRoleView {
  return {
    name: r.name,
    roleArn: r.roleArn,
    source: r.source,
    ...optional('profile', r.profile),
    ...optional('duration', r.duration),
    direct: r.direct,
    ...optional('externalId', r.externalId),
    ...optional('sessionName', r.sessionName),
    ...optional('sourceIdentity', r.sourceIdentity),
    ...optional('region', r.region),
  };
}

export function toSettingsView(s: Settings): SettingsView {
  return {
    mfaSessionDuration: s.mfaSessionDuration,
    defaultRoleDuration: s.defaultRoleDuration,
    refreshLeadMinutes: s.refreshLeadMinutes,
    notifyLeadMinutes: s.notifyLeadMinutes,
    language: s.language,
    clearProfilesOnQuit: s.clearProfilesOnQuit,
  };
}

/** A saved user: its name, and what AWS said of the key (who it is, or why it could not be asked). */
export function toUserSavedView(u: AddedUser): UserSavedView {
  return { name: u.name, ...optional('identity', u.identity), ...optional('unverifiedBecause', u.unverifiedBecause) };
}

export function toCatalogListView(view: CatalogView): CatalogListView {
  return {
    users: view.users.map((u) => ({
      name: u.name,
      accessKeyId: u.accessKeyId,
      ...optional('mfaSerial', u.mfaSerial),
      ...optional('region', u.region),
      ...optional('hasSecret', u.hasSecret),
    })),
    roles: view.roles.map(toRoleView),
    settings: toSettingsView(view.settings),
    keychain: view.keychain,
  };
}

export function toNoticeView(n: Notice): NoticeView {
  switch (n.kind) {
    case 'capped-chaining':
    case 'capped-role-maximum':
      return { kind: n.kind, role: n.role, requestedSeconds: n.requestedSeconds, grantedSeconds: n.grantedSeconds };
    case 'mfa-session-started':
      return { kind: n.kind, user: n.user, expiresAt: n.expiresAt };
    case 'profile-not-refreshed':
      return { kind: n.kind, profile: n.profile, reason: n.reason };
    case 'credentials-file-tightened':
      return { kind: n.kind, file: n.file, mode: n.mode };
  }
}

export function toAssumedView(a: AssumeResult): AssumedView {
  return {
    role: a.role,
    profile: a.profile,
    assumedRoleArn: a.assumedRoleArn,
    expiresAt: a.expiresAt,
    chain: [...a.chain],
    fromCache: a.fromCache,
    ...optional('cappedBy', a.cappedBy),
    notices: a.notices.map(toNoticeView),
  };
}

function toSessionView(s: SessionStatus, renewal: ReadonlyMap<string, RenewalProblem>): SessionView {
  return {
    kind: s.kind,
    name: s.name,
    ...optional('profile', s.profile),
    state: s.state,
    expiresAt: s.expiresAt,
    chain: [...s.chain],
    ...optional('cappedBy', s.cappedBy),
    ...optional('renewal', s.kind === 'role' && s.state !== 'expired' ? renewal.get(s.name) : undefined),
  };
}

/**
 * `takenAt` is the instant the states were computed for, on main's clock, so the page can tell
 * how far its own clock is off (and which moment "expiring" meant).
 */
export function toSessionsView(o: SessionsOverview, marks: readonly RenewalMark[] = []): SessionsView {
  const renewal = currentRenewalProblems(marks, o.sessions);
  return { sessions: o.sessions.map((s) => toSessionView(s, renewal)), needsMfaCode: [...o.needsMfaCode], takenAt: new Date(o.now).toISOString(), keychain: o.keychain };
}

/** Users without their secret (the plan's users never carry one; the whitelist makes sure). */
export function toImportPlanView(p: ImportPlan): ImportPlanView {
  return {
    users: p.users.map((u) => ({ name: u.name, accessKeyId: u.accessKeyId, ...optional('mfaSerial', u.mfaSerial) })),
    roles: p.roles.map((r) => ({
      name: r.name,
      roleArn: r.roleArn,
      source: r.source,
      ...optional('profile', r.profile),
      direct: r.direct,
      ...optional('duration', r.duration),
    })),
    skipped: p.skipped.map((s) => ({ name: s.name, reason: s.reason })),
    plaintextRemoved: [...p.plaintextRemoved],
    orphanedProfiles: p.orphanedProfiles.map((o) => ({ profile: o.profile, ...optional('useInstead', o.useInstead) })),
  };
}
