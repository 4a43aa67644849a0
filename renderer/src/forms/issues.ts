// Form problems, as the page words them: a dictionary key per field (the core's zod messages are
// English, so they are mapped by field, never shown), or a refusal from main placed at its field.
import type { z } from 'zod';
import type { IpcError } from '../../../common/contract';
import type { en } from '../i18n/en';

export type ValidationKey = keyof (typeof en)['validation'];

export interface FieldIssue {
  key: ValidationKey;
  values?: Record<string, string | number>;
}

export type FieldProblem = { issue: FieldIssue } | { refusal: IpcError };

export type FieldErrors<F extends string> = Partial<Record<F, FieldProblem>>;

/** A form's values checked: the request to send, or the problems to show per field. */
export type Checked<R, F extends string> = { ok: true; request: R } | { ok: false; errors: FieldErrors<F> };

/** The first issue of each field, worded by `describe` (which knows the field's own message). */
export function issuesByField<F extends string>(error: z.ZodError, fields: readonly F[], describe: (field: F) => FieldIssue): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && (fields as readonly string[]).includes(field) && !errors[field as F]) {
      errors[field as F] = { issue: describe(field as F) };
    }
  }
  return errors;
}

/** Codes that concern one field even when main did not name it. */
const CODE_FIELDS: Record<string, string> = {
  NameTaken: 'name',
  ProfileTaken: 'profile',
  SecretRequired: 'secretAccessKey',
  SignatureDoesNotMatch: 'secretAccessKey',
  InvalidClientTokenId: 'accessKeyId',
  UnknownUser: 'source',
  ChainLoop: 'source',
  ChainTooLong: 'source',
  MissingSource: 'source',
  UnmanagedProfile: 'profile',
  ProfileOverridden: 'profile',
  InvalidProfileName: 'profile',
};

/** The form field a refusal from main belongs to, if it is one of this form's. */
export function refusalField<F extends string>(error: IpcError, fields: readonly F[]): F | undefined {
  const field = error.field ?? CODE_FIELDS[error.code];
  return field !== undefined && (fields as readonly string[]).includes(field) ? (field as F) : undefined;
}

/** '' and blanks are "not given" for an optional field. */
export function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Drops undefined members, so a request carries only what was given. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
