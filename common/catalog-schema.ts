import { z } from './zod';
import {
  ACCESS_KEY_ID,
  EXTERNAL_ID,
  MFA_SERIAL,
  LANGUAGE_SETTINGS,
  MFA_SESSION_DURATION,
  KEY_AGE_WARNING_DAYS,
  NAME,
  NOTIFY_LEAD_MINUTES,
  REFRESH_LEAD_MINUTES,
  REGION,
  ROLE_ARN,
  ROLE_DURATION,
  ROLE_SESSION_NAME,
  SOURCE_IDENTITY,
} from './rules';

// The catalog holds names, ARNs and settings: never a secret. Secrets live in the keychain.

export const nameSchema = z.string().regex(NAME, 'use 1–64 letters, digits or _ . + @ - (no spaces or brackets, no leading -, not . or ..)');
export const regionSchema = z.string().regex(REGION, 'expected an AWS region such as us-east-1');

export const roleDurationSchema = z
  .number()
  .int('must be a whole number of seconds')
  .min(ROLE_DURATION.min, `must be at least ${ROLE_DURATION.min} seconds`)
  .max(ROLE_DURATION.max, `must be at most ${ROLE_DURATION.max} seconds (12 hours)`);
export const mfaSessionDurationSchema = z
  .number()
  .int('must be a whole number of seconds')
  .min(MFA_SESSION_DURATION.min, `must be at least ${MFA_SESSION_DURATION.min} seconds`)
  .max(MFA_SESSION_DURATION.max, `must be at most ${MFA_SESSION_DURATION.max} seconds (36 hours)`);

export const userSchema = z.strictObject({
  name: nameSchema,
  accessKeyId: z.string().regex(ACCESS_KEY_ID, 'expected AKIA followed by 16 upper-case letters or digits'),
  mfaSerial: z.string().regex(MFA_SERIAL, 'expected arn:aws:iam::<12 digits>:mfa/<name> or a hardware serial').optional(),
  region: regionSchema.optional(),
  /**
   * When IAM created the access key (ListAccessKeys' CreateDate, ISO 8601), read when the key was
   * added; absent when IAM could not be asked (no iam:ListAccessKeys) and in older catalogs.
   */
  keyCreatedAt: z.iso.datetime({ offset: true }).optional(),
});

export const roleSchema = z.strictObject({
  name: nameSchema,
  roleArn: z.string().regex(ROLE_ARN, 'expected arn:aws:iam::<12 digits>:role/<name>'),
  /** A user's or another role's name. */
  source: nameSchema,
  /** The profile written to the shared AWS files; the role's name when absent. */
  profile: nameSchema.optional(),
  duration: roleDurationSchema.optional(),
  /** Assume from the long-term key with its own MFA code (full duration) instead of the MFA session. */
  direct: z.boolean().default(false),
  externalId: z.string().regex(EXTERNAL_ID, 'expected 2–1224 characters of letters, digits and +=,.@:/-').optional(),
  sessionName: z.string().regex(ROLE_SESSION_NAME, 'expected 2–64 characters of letters, digits and +=,.@_-').optional(),
  sourceIdentity: z.string().regex(SOURCE_IDENTITY, 'expected 2–64 characters of letters, digits and +=,.@_-').optional(),
  region: regionSchema.optional(),
});

function minutesSchema(range: { min: number; max: number }) {
  return z
    .number()
    .int('must be a whole number of minutes')
    .min(range.min, `must be at least ${range.min} minutes`)
    .max(range.max, `must be at most ${range.max} minutes`);
}

export const settingsSchema = z.strictObject({
  mfaSessionDuration: mfaSessionDurationSchema.default(MFA_SESSION_DURATION.default),
  defaultRoleDuration: roleDurationSchema.default(ROLE_DURATION.default),
  refreshLeadMinutes: minutesSchema(REFRESH_LEAD_MINUTES).default(REFRESH_LEAD_MINUTES.default),
  notifyLeadMinutes: minutesSchema(NOTIFY_LEAD_MINUTES).default(NOTIFY_LEAD_MINUTES.default),
  /** The window's language: the OS locale's ("system"), or one chosen. */
  language: z.enum(LANGUAGE_SETTINGS).default('system'),
  /** Remove Rolecall's managed profiles from the shared AWS files when the app quits. */
  clearProfilesOnQuit: z.boolean().default(false),
  /**
   * While the app runs, serve roles to shells from a local credential endpoint (127.0.0.1, a token
   * per role and app run): `rolecall export <role> --server` prints the variables.
   */
  serveCredentialEndpoint: z.boolean().default(false),
  /** Past this many days a user's key is suggested for rotation, once, in `status` and the window. */
  keyAgeWarningDays: z
    .number()
    .int('must be a whole number of days')
    .min(KEY_AGE_WARNING_DAYS.min, `must be at least ${KEY_AGE_WARNING_DAYS.min} day`)
    .max(KEY_AGE_WARNING_DAYS.max, `must be at most ${KEY_AGE_WARNING_DAYS.max} days`)
    .default(KEY_AGE_WARNING_DAYS.default),
});

export const CATALOG_VERSION = 1;

export const catalogSchema = z
  .strictObject({
    version: z.literal(CATALOG_VERSION),
    users: z.array(userSchema).default([]),
    roles: z.array(roleSchema).default([]),
    settings: settingsSchema.default(settingsSchema.parse({})),
  })
  .superRefine((catalog, ctx) => {
    const seen = new Set<string>();
    for (const entry of [...catalog.users, ...catalog.roles]) {
      if (seen.has(entry.name)) ctx.addIssue({ code: 'custom', message: `the name '${entry.name}' is used twice` });
      seen.add(entry.name);
    }
  });

export type User = z.infer<typeof userSchema>;
export type Role = z.infer<typeof roleSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type Catalog = z.infer<typeof catalogSchema>;

export function emptyCatalog(): Catalog {
  return catalogSchema.parse({ version: CATALOG_VERSION });
}
