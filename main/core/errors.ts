import type { ErrorCode } from '../../common/error-codes';

// Every error a person can act on is a RolecallError: a one-line message saying what went wrong,
// and an optional hint saying what to do. Front ends print these as they are; anything else is a
// bug and is reported without its stack unless ROLECALL_DEBUG is set.
export class RolecallError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly code: ErrorCode = 'RolecallError',
  ) {
    super(message);
    this.name = 'RolecallError';
  }
}

/** What to do when a code is needed and none could be asked for, for commands that take --mfa-code. */
export const MFA_CODE_HINT = 'Pass --mfa-code <6 digits>, or run the command in a terminal so Rolecall can ask for it.';

/** An MFA code is needed and no way to ask for one was available (no terminal, no dialog). */
export class MfaCodeRequiredError extends RolecallError {
  constructor(
    readonly userName: string,
    what: string,
  ) {
    super(`${what} needs a fresh MFA code for user '${userName}'.`, MFA_CODE_HINT, 'MfaCodeRequired');
  }
}

/** A renewal found the session gone (stopped while it waited): nothing to renew, nothing done. */
export class SessionStoppedError extends RolecallError {
  constructor(readonly role: string) {
    super(`The session of ${role} was stopped: it was not renewed.`, undefined, 'SessionStopped');
  }
}

/**
 * Input that was refused, naming the field when there is one, so a form can point at it. The CLI
 * prints it like any RolecallError; the window also reads `field`.
 */
export class InvalidInputError extends RolecallError {
  constructor(
    message: string,
    readonly field?: string,
    hint?: string,
    code: ErrorCode = 'InvalidInput',
  ) {
    super(message, hint, code);
  }
}

/** The keychain, named the way this platform's users know it. */
const KEYCHAIN =
  process.platform === 'darwin'
    ? 'The macOS Keychain'
    : process.platform === 'win32'
      ? 'The Windows Credential Manager'
      : 'The OS keychain (Secret Service: gnome-keyring or KWallet)';

/**
 * No keychain answers (no Secret Service on the session bus, no D-Bus session, the module did not
 * load). Rolecall never falls back to a plaintext store. Not "locked": nothing was there to unlock.
 */
export class KeychainUnavailableError extends RolecallError {
  constructor(detail: string) {
    super(
      `${KEYCHAIN} is not reachable: ${detail}`,
      'Start your keychain (log in to a desktop session, or run gnome-keyring-daemon) and try again. Rolecall never stores secrets in plaintext instead.',
      'KeychainUnavailable',
    );
  }
}

/** The keychain is there but locked, and unlocking it was refused or dismissed. Nothing is missing. */
export class KeychainLockedError extends RolecallError {
  constructor() {
    super(
      `${KEYCHAIN} is locked, so Rolecall cannot use what it keeps there.`,
      'Unlock your keychain (or accept its unlock prompt) and try again: nothing was lost.',
      'KeychainLocked',
    );
  }
}

/** A keychain that is not ready, either way: what operations that can do without it catch. */
export function isKeychainClosed(error: unknown): error is KeychainLockedError | KeychainUnavailableError {
  return error instanceof KeychainLockedError || error instanceof KeychainUnavailableError;
}

export function isRolecallError(error: unknown): error is RolecallError {
  return error instanceof RolecallError;
}

/**
 * A RolecallError's own words, or `fallback` for anything else: an unexpected error's text may
 * quote input or internals, so it never reaches a person (or the window) as a reason.
 */
export function reasonOf(error: unknown, fallback: string): string {
  return isRolecallError(error) ? error.message : fallback;
}
