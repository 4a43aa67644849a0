// The IPC contract between main and the renderer: channel names, request and response types.
// The types come from the operation table (common/operations.ts) and its views (common/views.ts),
// so there is one description of each; this file adds no zod of its own, so the preload can bundle
// it (CHANNELS) without zod. No response type may carry a secret access key or a session token:
// only names, ARNs, states, times and flags. Requests may carry a secret in one direction only (a
// new user's secret access key, an MFA code): main never sends either back.

import type { z } from 'zod';
import type { ErrorCode } from './error-codes';
import type { CappedBy, KeychainState, LanguageSetting, RenewalProblem, SessionState } from './rules';
import type { OperationInput, OperationOutput } from './operations';
import type * as Views from './views';
import type { AssumeInput, SaveUserInput, SettingsPatchInput, StopInput } from './inputs';
import type { CopyExportFormat } from './export-formats';

/**
 * Every channel the renderer may invoke: the table's operations whose `window` is true (the
 * compiler checks the two agree). The preload refuses any other name before it reaches IPC.
 */
export const CHANNELS = [
  'app:info',
  'catalog:list',
  'sessions:list',
  'user:save',
  'user:remove',
  'role:save',
  'role:remove',
  'role:discover',
  'user:rotate',
  'import:preview',
  'import:run',
  'session:assume',
  'session:stop',
  'session:end-mfa',
  'session:copy-export',
  'console:open',
  'settings:update',
  'assume:take-request',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** The one channel main pushes events on; the preload strips the IpcRendererEvent. */
export const EVENT_CHANNEL = 'rolecall:event';

/** Channels that take no arguments still get an (empty) object, so a schema can refuse extras. */
export type EmptyRequest = Record<string, never>;

// The views, as their schemas in common/views.ts define them.
export type AppInfo = z.infer<typeof Views.appInfoView>;
export type CatalogUserView = z.infer<typeof Views.catalogUserView>;
export type CatalogRoleView = z.infer<typeof Views.catalogRoleView>;
export type SettingsView = z.infer<typeof Views.settingsView>;
export type CatalogListView = z.infer<typeof Views.catalogListView>;
/** A cached session as core reports it (main/core/operations/sessions.ts builds these). */
export type SessionStatus = z.infer<typeof Views.sessionStatusView>;
export type SessionView = z.infer<typeof Views.sessionView>;
export type SessionsView = z.infer<typeof Views.sessionsView>;
export type UserSavedView = z.infer<typeof Views.userSavedView>;
export type ImportPlanView = z.infer<typeof Views.importPlanView>;
export type NoticeView = z.infer<typeof Views.noticeView>;
export type AssumeRequestedView = z.infer<typeof Views.assumeRequestedView>;
export type AssumedView = z.infer<typeof Views.assumedView>;
export type StoppedView = z.infer<typeof Views.stoppedView>;
export type MfaSessionEndedView = z.infer<typeof Views.mfaSessionEndedView>;
export type CopiedView = z.infer<typeof Views.copiedView>;
export type ConsoleOpenedView = z.infer<typeof Views.consoleOpenedView>;
export type DiscoveryView = z.infer<typeof Views.discoveryView>;
export type KeyRotatedView = z.infer<typeof Views.keyRotatedView>;

// The session vocabulary is common/rules.ts's; named here too, since it is what crosses IPC.
export type { CappedBy, KeychainState, LanguageSetting, RenewalProblem, SessionState };

// The window's requests, as the table's input schemas take them.
export type UserSaveRequest = SaveUserInput;
export type RoleSaveRequest = OperationInput<'role:save'>;
export type NameRequest = OperationInput<'role:remove'>;
export type ImportRunRequest = OperationInput<'import:run'>;
export type AssumeRequest = AssumeInput;
export type StopRequest = StopInput;
export type CopyExportRequest = OperationInput<'session:copy-export'>;
export type ConsoleOpenRequest = OperationInput<'console:open'>;
export type SettingsUpdateRequest = SettingsPatchInput;
export type { CopyExportFormat };

export type ChannelRequest<C extends Channel> = OperationInput<C>;
export type ChannelResponse<C extends Channel> = OperationOutput<C>;

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
