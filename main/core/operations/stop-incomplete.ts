import { KeychainLockedError, RolecallError, type KeychainUnavailableError } from '../errors';

function list(names: string[]): string {
  return names.join(', ');
}

/**
 * A stop that could remove the profiles but not the cached sessions: the keychain is locked or
 * unreachable. Said as both halves, so nobody reads "stopped" while credential_process can still
 * hand the session out, and with the command that finishes the job once the keychain is open.
 */
export class StopIncompleteError extends RolecallError {
  constructor(what: { role?: string; removedProfiles: string[]; cause: KeychainLockedError | KeychainUnavailableError }) {
    const why = what.cause instanceof KeychainLockedError ? 'the keychain is locked' : 'the keychain is not reachable';
    const removed = what.removedProfiles.length
      ? `Removed the profile${what.removedProfiles.length > 1 ? 's' : ''} ${list(what.removedProfiles)}, but`
      : 'No profile was written, but';
    const left = what.role ? `the cached session of ${what.role} is still in the keychain` : 'the cached role sessions are still in the keychain';
    const again = what.role ? `rolecall stop ${what.role}` : 'rolecall stop --all';
    super(
      `${removed} ${left}: ${why}.`,
      `${what.cause instanceof KeychainLockedError ? 'Unlock your keychain' : 'Start your keychain'} and run ${again} again; until then credential-process can still hand ${what.role ? 'it' : 'them'} out.`,
      'StopIncomplete',
    );
  }
}
