// How main logs an error nobody expected. Only the error's name, and a RolecallError's code, are
// written: a message can quote input (a key, a path), and no log may ever hold a secret.
import { isRolecallError } from '../core/errors';

/** `TypeError`, or `RolecallError (KeychainUnavailable)`: never a message or a stack. */
export function errorLabel(error: unknown): string {
  if (isRolecallError(error)) return `${error.name} (${error.code})`;
  if (error instanceof Error) return error.name;
  return typeof error;
}

/** Writes `rolecall: <what>: <label>` to main's log (stderr). */
export function logError(what: string, error: unknown, write: (line: string) => void = console.error): void {
  write(`rolecall: ${what}: ${errorLabel(error)}`);
}
