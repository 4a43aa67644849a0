// The IPC contract between main and the renderer: channel names, request and response types.
// Main imports it; the preload and the renderer `import type` it. No response type may carry a
// secret access key or a session token: only names, ARNs, states, times and flags. Requests may
// carry a secret in one direction only (a new user's secret access key, an MFA code): main never
// sends either back.

import type { ErrorCode } from './error-codes';
import type { CappedBy, LanguageSetting, RenewalProblem, SessionState } from './rules';
import type { CopyExportFormat } from './export-formats';

/** Every channel the renderer may invoke. The preload refuses any other name before it reaches IPC. */
export const CHANNELS = [
  'app:info',
  'catalog:list',
  'sessions:list',
  'user:save',
  'user:remove',
  'role:save',
  'role:remove',
  'import:preview',
  'import:run',
  'session:assume',
  'session:stop',
  'session:copy-export',
  'settings:update',
  'assume:take-request',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** The one channel main pushes events on; the preload strips the IpcRendererEvent. */
export const EVENT_CHANNEL = 'rolecall:event';

/** Channels that take no arguments still get an (empty) object, so a schema can refuse extras. */
export type EmptyRequest = Record<string, never>;

export interface AppInfo {
  version: string;
  platform: string;
  /** The OS locale (BCP 47), for the "follow the system" language setting. */
  locale: string;
}

export interface CatalogUserView {
  name: string;
  /** The access key id is an identifier, not a secret; the secret never leaves main. */
  accessKeyId: string;
  mfaSerial?: string;
  region?: string;
  /** Whether the keychain holds this user's secret access key; absent when it could not be read. */
  hasSecret?: boolean;
}

export interface CatalogRoleView {
  name: string;
  roleArn: string;
  /** A user's or another role's name. */
  source: string;
  /** The profile Rolecall writes; the role's name when absent. */
  profile?: string;
  /** Seconds asked for; the default role duration when absent. */
  duration?: number;
  /** Assumed from the long-term key with its own MFA code, rather than from the MFA session. */
  direct: boolean;
  externalId?: string;
  sessionName?: string;
  sourceIdentity?: string;
  region?: string;
}

export interface SettingsView {
  /** Seconds of a new MFA session (GetSessionToken). */
  mfaSessionDuration: number;
  /** Seconds asked for a role without a duration of its own. */
  defaultRoleDuration: number;
  /** Minutes before expiry a role session is renewed from its parent. */
  refreshLeadMinutes: number;
  /** Minutes before an unrenewable expiry the user is warned. */
  notifyLeadMinutes: number;
  language: LanguageSetting;
  /** Remove Rolecall's managed profiles from the shared AWS files when the app quits. */
  clearProfilesOnQuit: boolean;
}

/**
 * Whether main could read the keychain: the catalog and the sessions still load when it is locked
 * (an unlock refused or dismissed) or unreachable (no Secret Service), and the window says which.
 */
export type KeychainState = 'ready' | 'locked' | 'unreachable';

export interface CatalogListView {
  users: CatalogUserView[];
  roles: CatalogRoleView[];
  settings: SettingsView;
  keychain: KeychainState;
}

// The session vocabulary is common/rules.ts's; named here too, since it is what crosses IPC.
export type { CappedBy, LanguageSetting, RenewalProblem, SessionState };

/**
 * A cached session as core reports it (main/core/operations/sessions.ts builds these): names,
 * states and times, never a secret.
 */
export interface SessionStatus {
  kind: 'role' | 'mfa-session';
  /** The role's name, or the user's for an MFA session. */
  name: string;
  /** The profile Rolecall wrote for the role, if it is in the shared AWS files now. */
  profile?: string;
  state: SessionState;
  /** ISO 8601. */
  expiresAt: string;
  /** user → … → role, as assumed. */
  chain: string[];
  cappedBy?: CappedBy;
}

/** A session as the window sees it: core's status, copied field by field in main/app/views.ts. */
export interface SessionView extends SessionStatus {
  /**
   * Set on a live role session that will not renew by itself: renewing needs a new MFA code (a
   * direct role, or a chain whose MFA session has ended), or the last try failed (tried again).
   */
  renewal?: RenewalProblem;
}

export interface SessionsView {
  sessions: SessionView[];
  /** Roles whose next assume would need a fresh MFA code (no valid cached session on the way). */
  needsMfaCode: string[];
  /** main's clock when this was taken (ISO 8601), so the page can tell its own clock's skew. */
  takenAt: string;
  /**
   * Not `ready`: the keychain could not be read, so `sessions` are only the roles whose profile
   * Rolecall wrote (as the shared AWS files say) and `needsMfaCode` is unknown (empty).
   */
  keychain: KeychainState;
}

/** A user to add or edit. The secret is write-only: required for a new user or a new key id, never sent back. */
export interface UserSaveRequest {
  name: string;
  accessKeyId: string;
  secretAccessKey?: string;
  mfaSerial?: string;
  region?: string;
}

export interface UserSavedView {
  name: string;
  /** The IAM ARN AWS answered for the key, when the key was checked. */
  identity?: string;
  /**
   * Why AWS could not be asked whether a new key works (e.g. STS unreachable): the key was stored
   * unchecked. Core's English words, shown as data beneath the page's own sentence.
   */
  unverifiedBecause?: string;
}

/** A role to add or replace: the same fields the catalog view shows. */
export type RoleSaveRequest = CatalogRoleView;

export interface NameRequest {
  name: string;
}

export interface ImportRunRequest {
  /** Delete the plaintext keys from the credentials file once the keychain holds them. */
  removePlaintext: boolean;
}

export interface ImportPlanView {
  users: Array<{ name: string; accessKeyId: string; mfaSerial?: string }>;
  roles: Array<{ name: string; roleArn: string; source: string; profile?: string; direct: boolean; duration?: number }>;
  skipped: Array<{ name: string; reason: string }>;
  plaintextRemoved: string[];
  orphanedProfiles: Array<{ profile: string; useInstead?: string }>;
}

/** Something the user should know about a session they got; the page words it in its language. */
export type NoticeView =
  | { kind: 'capped-chaining'; role: string; requestedSeconds: number; grantedSeconds: number }
  | { kind: 'capped-role-maximum'; role: string; requestedSeconds: number; grantedSeconds: number }
  | { kind: 'mfa-session-started'; user: string; expiresAt: string }
  | { kind: 'profile-not-refreshed'; profile: string; reason: string }
  | { kind: 'credentials-file-tightened'; file: string; mode: string };

export interface AssumeRequest {
  name: string;
  /** Six digits, when the dialog asked for one. */
  mfaCode?: string;
  /** Extend: a new session even while the cached one still serves. */
  refresh?: boolean;
}

/**
 * A role the tray or a notification asked the window to assume (the window opens its MFA dialog
 * when a code is needed). Taken once: a second take answers with no role.
 */
export interface AssumeRequestedView {
  role?: string;
  /** The role has a live session to extend (assume with `refresh`), rather than none yet. */
  extend: boolean;
}

export interface AssumedView {
  role: string;
  profile: string;
  assumedRoleArn: string;
  expiresAt: string;
  chain: string[];
  fromCache: boolean;
  cappedBy?: CappedBy;
  notices: NoticeView[];
}

export type StopRequest = { name: string } | { all: true };

export interface StoppedView {
  stopped: string[];
}


export interface CopyExportRequest {
  name: string;
  format: CopyExportFormat;
  mfaCode?: string;
}

/** main wrote the export to the clipboard; the page learns only that, and until when it is valid. */
export interface CopiedView {
  role: string;
  format: CopyExportFormat;
  expiresAt: string;
  notices: NoticeView[];
}

export type SettingsUpdateRequest = Partial<SettingsView>;

export interface ChannelMap {
  'app:info': { request: EmptyRequest; response: AppInfo };
  'catalog:list': { request: EmptyRequest; response: CatalogListView };
  'sessions:list': { request: EmptyRequest; response: SessionsView };
  'user:save': { request: UserSaveRequest; response: UserSavedView };
  'user:remove': { request: NameRequest; response: EmptyRequest };
  'role:save': { request: RoleSaveRequest; response: CatalogRoleView };
  'role:remove': { request: NameRequest; response: EmptyRequest };
  'import:preview': { request: EmptyRequest; response: ImportPlanView };
  'import:run': { request: ImportRunRequest; response: ImportPlanView };
  'session:assume': { request: AssumeRequest; response: AssumedView };
  'session:stop': { request: StopRequest; response: StoppedView };
  'session:copy-export': { request: CopyExportRequest; response: CopiedView };
  'settings:update': { request: SettingsUpdateRequest; response: SettingsView };
  'assume:take-request': { request: EmptyRequest; response: AssumeRequestedView };
}

export type ChannelRequest<C extends Channel> = ChannelMap[C]['request'];
export type ChannelResponse<C extends Channel> = ChannelMap[C]['response'];

/**
 * What a person can act on. `code` names the kind of failure (core's error codes, e.g.
 * MfaCodeRequired, MfaCodeRejected, AccessDenied, InvalidInput) so the page can word it in its
 * language; `message` and `hint` are core's English words, shown as AWS's or core's detail.
 */
export interface IpcError {
  code: ErrorCode;
  message: string;
  hint?: string;
  /** For MfaCodeRequired: the user whose MFA device must give the code. */
  user?: string;
  /** For InvalidInput: the request field that was refused, when there is one. */
  field?: string;
}

/** Every invoke resolves to this: main never lets a thrown error (and its stack) cross IPC. */
export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError };

/**
 * Events main pushes to the renderer; they carry no data, the page asks again (for
 * `assume:requested`, through `assume:take-request`).
 */
export type AppEvent = { type: 'catalog:changed' } | { type: 'sessions:changed' } | { type: 'assume:requested' };

/** The one object the preload exposes as `window.rolecall`. */
export interface RolecallApi {
  invoke<C extends Channel>(channel: C, request: ChannelRequest<C>): Promise<IpcResult<ChannelResponse<C>>>;
  /** Subscribes to main's events; returns the function that unsubscribes. */
  onEvent(listener: (event: AppEvent) => void): () => void;
}
