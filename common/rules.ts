// The shapes AWS accepts, in one place, so every front end (CLI, IPC, import) refuses the same
// things with the same words. Kept free of zod so the credential_process fast path can use it.

export const ACCESS_KEY_ID = /^AKIA[A-Z0-9]{16}$/;
export const SECRET_ACCESS_KEY = /^[A-Za-z0-9/+=]{40}$/;
/** A virtual device ARN or a hardware token's serial number. */
export const MFA_SERIAL = /^(arn:aws[a-z-]*:iam::\d{12}:mfa\/[\w+=,.@/-]{1,512}|(?!arn:)[\w+=/:,.@-]{9,256})$/;
export const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
export const TOTP_CODE = /^\d{6}$/;
/** An MFA code as people paste or read it ("654 321", "654-321"): the separators are not part of it. */
export const withoutCodeSeparators = (code: string): string => code.replace(/[\s-]/g, '');
/** How many codes one prompt asks for when AWS refuses them, before the run gives up. */
export const MFA_PROMPT_TRIES = 3;
export const ROLE_SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
export const SOURCE_IDENTITY = /^[\w+=,.@-]{2,64}$/;
export const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
export const NAME_MAX_LENGTH = 64;
/**
 * Catalog names and profile names: anything else could inject an INI section. Not `.` or `..`
 * (path-like, confusing in messages and file names) and no leading `-` (it would read as an option
 * on every command line that names it).
 */
export const NAME = /^(?!\.\.?$)(?!-)[A-Za-z0-9_.+@-]{1,64}$/;
/**
 * An AWS region: a partition prefix, one or two words, a number (us-east-1, us-gov-west-1,
 * cn-north-1, ap-southeast-5, il-central-1, eusc-de-east-1). Bounded, so a made-up name of any
 * length is refused here rather than failing later inside the SDK's endpoint rules.
 */
export const REGION = /^[a-z]{2,4}(-[a-z]{2,10}){1,2}-\d{1,2}$/;

export const ROLE_DURATION = { min: 900, max: 43_200, default: 3600 } as const;
export const MFA_SESSION_DURATION = { min: 900, max: 129_600, default: 43_200 } as const;
/** AWS caps a role assumed with temporary credentials (role chaining) at one hour. */
export const CHAINED_ROLE_MAX_SECONDS = 3600;
/** Consumers of credential_process refresh 15 min before Expiration; we reuse sessions above it. */
export const REUSE_MARGIN_MS = 15 * 60_000;
/** An MFA session is used while it has at least this long left for the AssumeRole call itself. */
export const MFA_SESSION_MIN_LEFT_MS = 60_000;
export const MAX_CHAIN_LINKS = 10;
/**
 * Minutes before expiry a role session is renewed from its parent. Never under the 15 minutes
 * credential_process consumers refresh at, and short of a chained session's whole hour.
 */
export const REFRESH_LEAD_MINUTES = { min: 15, max: 45, default: 15 } as const;
/**
 * The refresh lead in effect: the setting, never under the reuse margin (credential_process
 * consumers fetch again 15 minutes before expiry and must find the new session by then). Main
 * renews this long before expiry; less than this left reads `expiring`, in main and in the window.
 */
export function refreshLeadMs(refreshLeadMinutes: number): number {
  return Math.max(refreshLeadMinutes * 60_000, REUSE_MARGIN_MS);
}
/** A session's state at `now`: main's list and the window's rows judge it the same way. */
export function sessionStateAt(expiresAtMs: number, now: number, leadMs: number): SessionState {
  if (now >= expiresAtMs) return 'expired';
  return expiresAtMs - now < leadMs ? 'expiring' : 'active';
}
/** Minutes before an expiry Rolecall cannot renew by itself that the user is warned. */
export const NOTIFY_LEAD_MINUTES = { min: 1, max: 60, default: 10 } as const;
/** Days after which a user's access key is suggested for rotation (AWS's own advice is 90). */
export const KEY_AGE_WARNING_DAYS = { min: 1, max: 3650, default: 90 } as const;
export const LANGUAGE_SETTINGS = ['system', 'en', 'ja'] as const;
/** The window's language: the OS locale's ("system"), or one chosen. */
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];
/** Why a session is shorter than asked: AWS's one-hour chaining cap, or the role's own maximum. */
export const CAP_REASONS = ['chaining', 'role-maximum'] as const;
export type CappedBy = (typeof CAP_REASONS)[number];
/** A cached session's state by its expiry: `expiring` is less than the refresh lead left. */
export const SESSION_STATES = ['active', 'expiring', 'expired'] as const;
export type SessionState = (typeof SESSION_STATES)[number];
/**
 * Why an active role session will not be renewed by itself: renewing needs a new MFA code (a
 * direct role, or a chain whose MFA session has ended), or it failed for another reason (network,
 * AWS refused) and is tried again.
 */
export const RENEWAL_PROBLEMS = ['needs-mfa-code', 'failed'] as const;
export type RenewalProblem = (typeof RENEWAL_PROBLEMS)[number];
/**
 * Whether the keychain could be read: front ends still show the catalog and the written profiles
 * when it is locked (an unlock refused or dismissed) or unreachable (no Secret Service).
 */
export const KEYCHAIN_STATES = ['ready', 'locked', 'unreachable'] as const;
export type KeychainState = (typeof KEYCHAIN_STATES)[number];
/** A user's details besides its key, which re-adding a user from the CLI keeps unless told. */
export const KEPT_DETAILS = ['mfaSerial', 'region'] as const;
export type KeptDetail = (typeof KEPT_DETAILS)[number];

/**
 * Whether a refused value may be quoted back in a message. A value typed in the wrong place may be
 * a secret (a secret access key, a session token, an MFA code): only short word-like values that
 * cannot be one of those are repeated; anything else is described without being shown.
 */
export function mayEcho(value: string): boolean {
  return /^[A-Za-z][\w.@+-]{0,23}$/.test(value) && !/^A[SK]IA/.test(value);
}

/** `'value'` when it may be shown, else a neutral stand-in. */
export function quoted(value: string, standIn = '<not shown: it could be a secret>'): string {
  return mayEcho(value) ? `'${value}'` : standIn;
}
