// The user form's values checked with the core's own schema (common/catalog-schema.ts), so the
// window refuses exactly what the core refuses; the secret, which the catalog never holds, with the
// core's domain rule.
import { userSchema } from '../../../common/catalog-schema';
import { SECRET_ACCESS_KEY } from '../../../common/rules';
import type { CatalogUserView, UserSaveRequest } from '../../../common/contract';
import { compact, issuesByField, optional, type Checked, type FieldErrors, type FieldIssue } from './issues';

export interface UserFormValues {
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
  mfaSerial: string;
  region: string;
}

export const USER_FIELDS = ['name', 'accessKeyId', 'secretAccessKey', 'mfaSerial', 'region'] as const;
export type UserField = (typeof USER_FIELDS)[number];

export const EXAMPLES = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  mfaSerial: 'arn:aws:iam::123456789012:mfa/dev-user',
  region: 'us-east-1',
} as const;

/** The form's starting values: never the secret, which main does not even send. */
export function userFormValues(user: CatalogUserView | undefined): UserFormValues {
  return {
    name: user?.name ?? '',
    accessKeyId: user?.accessKeyId ?? '',
    secretAccessKey: '',
    mfaSerial: user?.mfaSerial ?? '',
    region: user?.region ?? '',
  };
}

function describe(field: UserField): FieldIssue {
  switch (field) {
    case 'accessKeyId':
    case 'mfaSerial':
    case 'region':
      return { key: field, values: { example: EXAMPLES[field] } };
    default:
      return { key: field };
  }
}

/** `original` is the stored user when editing: a blank secret then keeps the stored key. */
export function checkUser(values: UserFormValues, original: CatalogUserView | undefined): Checked<UserSaveRequest, UserField> {
  const request = compact({
    name: values.name.trim(),
    accessKeyId: values.accessKeyId.trim(),
    mfaSerial: optional(values.mfaSerial),
    region: optional(values.region),
  });
  const parsed = userSchema.safeParse(request);
  const errors: FieldErrors<UserField> = parsed.success ? {} : issuesByField(parsed.error, USER_FIELDS, describe);

  const secret = values.secretAccessKey.trim();
  const keyChanged = original !== undefined && original.accessKeyId !== request.accessKeyId;
  const secretNeeded = original === undefined || keyChanged || !original.hasSecret;
  if (secret === '') {
    if (secretNeeded) errors.secretAccessKey = { issue: { key: keyChanged ? 'secretRequiredForNewKey' : 'secretRequired' } };
  } else if (!SECRET_ACCESS_KEY.test(secret)) {
    errors.secretAccessKey = { issue: { key: 'secretAccessKey' } };
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: secret === '' ? request : { ...request, secretAccessKey: secret } };
}
