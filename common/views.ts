// What each operation answers, as zod schemas: the operation table (common/operations.ts) runs
// every result through its output schema before it leaves main, so these are the whitelist of what
// the window may see. Objects strip what they do not name: a field core adds tomorrow (or a secret
// an object happens to carry) never reaches the page unless it is named here. The contract's view
// types are inferred from these, so there is one description of each view, not a type and a copy.
//
// The views the window receives carry no secret access key and no session token. The few
// operations that hand credentials to a terminal (export, credential_process, exec) have their own
// schemas below, and the table marks them as never reaching IPC.
import { z } from './zod';
import { CAP_REASONS, KEPT_DETAILS, KEYCHAIN_STATES, LANGUAGE_SETTINGS, RENEWAL_PROBLEMS, SESSION_STATES } from './rules';
import { COPY_EXPORT_FORMATS } from './export-formats';

const isoInstant = z.string();
const names = z.array(z.string());

export const emptyView = z.object({});

export const appInfoView = z.object({
  version: z.string(),
  platform: z.string(),
  /** The OS locale (BCP 47), for the "follow the system" language setting. */
  locale: z.string(),
});

export const catalogUserView = z.object({
  name: z.string(),
  /** The access key id is an identifier, not a secret; the secret never leaves main. */
  accessKeyId: z.string(),
  mfaSerial: z.string().optional(),
  region: z.string().optional(),
  /** Whether the keychain holds this user's secret access key; absent when it could not be read. */
  hasSecret: z.boolean().optional(),
  /** When IAM created the key (ISO 8601); absent when unknown. */
  keyCreatedAt: isoInstant.optional(),
});

export const catalogRoleView = z.object({
  name: z.string(),
  roleArn: z.string(),
  /** A user's or another role's name. */
  source: z.string(),
  /** The profile Rolecall writes; the role's name when absent. */
  profile: z.string().optional(),
  /** Seconds asked for; the default role duration when absent. */
  duration: z.number().optional(),
  /** Assumed from the long-term key with its own MFA code, rather than from the MFA session. */
  direct: z.boolean(),
  externalId: z.string().optional(),
  sessionName: z.string().optional(),
  sourceIdentity: z.string().optional(),
  region: z.string().optional(),
});

export const settingsView = z.object({
  /** Seconds of a new MFA session (GetSessionToken). */
  mfaSessionDuration: z.number(),
  /** Seconds asked for a role without a duration of its own. */
  defaultRoleDuration: z.number(),
  /** Minutes before expiry a role session is renewed from its parent. */
  refreshLeadMinutes: z.number(),
  /** Minutes before an unrenewable expiry the user is warned. */
  notifyLeadMinutes: z.number(),
  language: z.enum(LANGUAGE_SETTINGS),
  /** Remove Rolecall's managed profiles from the shared AWS files when the app quits. */
  clearProfilesOnQuit: z.boolean(),
  /** The app serves roles to shells from its credential endpoint (on/off only: never a token or a port). */
  serveCredentialEndpoint: z.boolean(),
  /** Days after which a user's key is suggested for rotation. */
  keyAgeWarningDays: z.number(),
});

const keychainState = z.enum(KEYCHAIN_STATES);

export const catalogListView = z.object({
  users: z.array(catalogUserView),
  roles: z.array(catalogRoleView),
  settings: settingsView,
  keychain: keychainState,
});

/** A cached session as core reports it: names, states and times, never a secret. */
export const sessionStatusView = z.object({
  kind: z.enum(['role', 'mfa-session']),
  /** The role's name, or the user's for an MFA session. */
  name: z.string(),
  /** The profile Rolecall wrote for the role, if it is in the shared AWS files now. */
  profile: z.string().optional(),
  state: z.enum(SESSION_STATES),
  /** ISO 8601. */
  expiresAt: isoInstant,
  /** user → … → role, as assumed. */
  chain: names,
  cappedBy: z.enum(CAP_REASONS).optional(),
});

/** A session as the window sees it: core's status and what the scheduler knows of its renewal. */
export const sessionView = sessionStatusView.extend({
  /**
   * Set on a live role session that will not renew by itself: renewing needs a new MFA code (a
   * direct role, or a chain whose MFA session has ended), or the last try failed (tried again).
   */
  renewal: z.enum(RENEWAL_PROBLEMS).optional(),
});

export const sessionsView = z.object({
  sessions: z.array(sessionView),
  /** Roles whose next assume would need a fresh MFA code (no valid cached session on the way). */
  needsMfaCode: names,
  /** main's clock when this was taken (ISO 8601), so the page can tell its own clock's skew. */
  takenAt: isoInstant,
  /**
   * Not `ready`: the keychain could not be read, so `sessions` are only the roles whose profile
   * Rolecall wrote (as the shared AWS files say) and `needsMfaCode` is unknown (empty).
   */
  keychain: keychainState,
  /** Profiles of ended sessions this read removed from the shared AWS files (main/core/operations/ended-profiles.ts). */
  endedProfilesRemoved: names.optional(),
  /** Users whose key is past the key-age setting: `status` suggests rotating them, once (the window judges from the catalog). */
  oldKeys: z.array(z.object({ user: z.string(), days: z.number() })).optional(),
  /** Users whose key rotation stopped half-way; `rolecall user rotate <user>` finishes or undoes it. */
  rotationsInterrupted: names.optional(),
});

export const userSavedView = z.object({
  name: z.string(),
  mfaSerial: z.string().optional(),
  region: z.string().optional(),
  /** The IAM ARN AWS answered for the key, when the key was checked. */
  identity: z.string().optional(),
  /**
   * Why AWS could not be asked whether a new key works (e.g. STS unreachable): the key was stored
   * unchecked. Core's English words, shown as data beneath the page's own sentence.
   */
  unverifiedBecause: z.string().optional(),
  /** Details the request left out that were kept from the user as it was. */
  kept: z.array(z.enum(KEPT_DETAILS)).optional(),
  /** When IAM created the key, as ListAccessKeys answered (ISO 8601). */
  keyCreatedAt: isoInstant.optional(),
  /** Why the key's age could not be read (e.g. no iam:ListAccessKeys): core's English words. */
  keyAgeUnknownBecause: z.string().optional(),
});

export const importPlanView = z.object({
  users: z.array(z.object({ name: z.string(), accessKeyId: z.string(), mfaSerial: z.string().optional() })),
  roles: z.array(
    z.object({
      name: z.string(),
      roleArn: z.string(),
      source: z.string(),
      profile: z.string().optional(),
      direct: z.boolean(),
      duration: z.number().optional(),
      /** How it will be assumed, in core's English words (from the MFA session, direct because of its duration, chained). */
      how: z.string().optional(),
    }),
  ),
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
  /** Sections the import neither takes nor refuses (Rolecall's own, settings only), with why. */
  leftAlone: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  plaintextRemoved: names,
  /** Imported keys whose plaintext stays in the credentials file, with why (AWS could not check them). */
  plaintextKept: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  orphanedProfiles: z.array(z.object({ profile: z.string(), useInstead: z.string().optional() })),
});

const cappedNotice = { role: z.string(), requestedSeconds: z.number(), grantedSeconds: z.number() };

/** Something the user should know about a session they got; the page words it in its language. */
export const noticeView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('capped-chaining'), ...cappedNotice }),
  z.object({ kind: z.literal('capped-role-maximum'), ...cappedNotice }),
  z.object({ kind: z.literal('mfa-session-started'), user: z.string(), expiresAt: isoInstant }),
  z.object({ kind: z.literal('profile-not-refreshed'), profile: z.string(), reason: z.string() }),
  z.object({ kind: z.literal('credentials-file-tightened'), file: z.string(), mode: z.string() }),
  /** Profiles of sessions that had ended, removed from the shared AWS files by this run. */
  z.object({ kind: z.literal('ended-profiles-removed'), profiles: names }),
  /** Shells the running app served these roles to (export --server) get them no more. */
  z.object({ kind: z.literal('shells-cut-off'), roles: names }),
]);
const notices = z.array(noticeView);

/**
 * A role the tray or a notification asked the window to assume (the window opens its MFA dialog
 * when a code is needed). Taken once: a second take answers with no role.
 */
export const assumeRequestedView = z.object({
  role: z.string().optional(),
  /** The role has a live session to extend (assume with `refresh`), rather than none yet. */
  extend: z.boolean(),
});

export const assumedView = z.object({
  role: z.string(),
  profile: z.string(),
  assumedRoleArn: z.string(),
  expiresAt: isoInstant,
  chain: names,
  fromCache: z.boolean(),
  cappedBy: z.enum(CAP_REASONS).optional(),
  notices,
});

/** A role whose trust policy lets the user assume it, as `role discover` found it. */
export const discoveredRoleView = z.object({
  /** IAM's role name. */
  name: z.string(),
  roleArn: z.string(),
  /** Seconds: the longest session the role grants from a long-term key. */
  maxSessionDuration: z.number(),
  needsMfa: z.boolean(),
  needsExternalId: z.boolean(),
  /** Condition keys Rolecall cannot evaluate that decide whether the role may be assumed. */
  dependsOn: names,
  /** The catalog's roles with this ARN already. */
  inCatalog: names,
});

export const discoveryView = z.object({
  user: z.string(),
  /** The user's ARN, as GetCallerIdentity answered for its key. */
  userArn: z.string(),
  roles: z.array(discoveredRoleView),
  /** How many roles of the account do not trust this user. */
  notTrusting: z.number(),
  /** IAM listed the roles only for the MFA session (the user's policy demands MFA for it). */
  viaMfaSession: z.boolean(),
  /** The roles added to the catalog, as saved. */
  added: z.array(catalogRoleView),
  /** Roles asked to be added that the catalog already had with the same ARN. */
  alreadyInCatalog: names,
  notices,
});

/** A key rotation: what was replaced, and an interrupted rotation this run finished or undid. Never a secret. */
export const keyRotatedView = z.object({
  user: z.string(),
  /** The user's key was replaced by this run. */
  rotated: z.boolean(),
  oldAccessKeyId: z.string().optional(),
  newAccessKeyId: z.string().optional(),
  /** When IAM created the new key (ISO 8601). */
  keyCreatedAt: z.string().optional(),
  /** The ARN STS answered for the new key. */
  identity: z.string().optional(),
  /** IAM took a while to accept the new key. */
  waitedForIam: z.boolean(),
  /** IAM allowed managing keys only with MFA: the user's MFA session signed the calls. */
  viaMfaSession: z.boolean(),
  /** An interrupted rotation found at the start, and what became of it. */
  recovered: z
    .object({
      outcome: z.enum(['finished', 'undone']),
      startedAt: z.string(),
      oldAccessKeyId: z.string(),
      newAccessKeyId: z.string().optional(),
      deletedKeys: names,
    })
    .optional(),
  notices,
});

export const stoppedView = z.object({ stopped: names, notices });

/** A user's MFA session ended, and the role sessions started through it that live on until they expire. */
export const mfaSessionEndedView = z.object({
  user: z.string(),
  /** There was a cached MFA session to end (false: none was cached, nothing changed). */
  ended: z.boolean(),
  /** Role sessions assumed through it: AWS lets them run to their expiry; `stop` ends them. */
  rolesStillLive: names,
});

/** main wrote the export to the clipboard; the page learns only that, and until when it is valid. */
export const copiedView = z.object({
  role: z.string(),
  format: z.enum(COPY_EXPORT_FORMATS),
  expiresAt: isoInstant,
  notices,
});

/**
 * A console opened for a role. `consoleEndsAt` is when the console session ends: the role
 * session's expiry, or the SessionDuration asked for (`lastsFor: 'session-duration'`, direct roles).
 * SECURITY: never the sign-in URL, which main opened itself.
 */
export const consoleOpenedView = z.object({
  role: z.string(),
  assumedRoleArn: z.string(),
  consoleEndsAt: isoInstant,
  lastsFor: z.enum(['role-session', 'session-duration']),
  /** Where the console opens (a console address, no credential in it). */
  destination: z.string(),
  notices,
});

// The terminal's operations. SECURITY: these carry credentials; the table never registers them
// on IPC, so they reach a terminal the person opened and nothing else.

/** Shell statements that export a role's credentials. */
export const exportTextView = z.object({
  text: z.string(),
  role: z.string(),
  expiresAt: isoInstant,
  notices,
});

/** The statements that point a shell at the app's credential endpoint. `text` holds the endpoint's token. */
export const serverExportView = z.object({
  text: z.string(),
  role: z.string(),
});

/** A role's temporary credentials, for credential_process and exec. */
export const roleCredentialsView = z.object({
  credentials: z.object({
    accessKeyId: z.string(),
    secretAccessKey: z.string(),
    sessionToken: z.string(),
    expiration: isoInstant,
    region: z.string().optional(),
  }),
  notices,
});

/** The console sign-in URL for a terminal: a bearer credential for 15 minutes. */
export const consoleSigninView = consoleOpenedView.extend({ url: z.string() });
