import { z } from './zod';
import { KEPT_DETAILS, REGION, SECRET_ACCESS_KEY, TOTP_CODE, withoutCodeSeparators } from './rules';
import { nameSchema, roleDurationSchema, roleSchema, settingsSchema, userSchema } from './catalog-schema';
import { EXPORT_FORMATS } from './export-formats';

// The arguments of every operation, validated the same way whether they come from the CLI, the
// window (IPC) or a test. Each schema is a trust boundary.

export const mfaCodeSchema = z.string().transform(withoutCodeSeparators).pipe(z.string().regex(TOTP_CODE, 'an MFA code is exactly 6 digits'));

/** What a caller may say of a user: the key's creation date is IAM's to tell, not an input. */
const userInput = userSchema.omit({ keyCreatedAt: true });

export const addUserInput = userInput.extend({
  secretAccessKey: z
    .string()
    .trim()
    .min(1, 'the secret access key is empty')
    .regex(SECRET_ACCESS_KEY, 'a secret access key is 40 characters of letters, digits, / + and ='),
});

/** Add a user, or edit one: the secret is needed only for a new user or a new key id. */
export const saveUserInput = userInput.extend({
  secretAccessKey: addUserInput.shape.secretAccessKey.optional(),
  /**
   * With a secret: the details this request leaves out that stay as the user has them (the CLI's
   * `user add` names only what changes). The window sends the whole user, so none.
   */
  keep: z.array(z.enum(KEPT_DETAILS)).optional(),
});

export const addRoleInput = roleSchema;

export const nameInput = z.strictObject({ name: nameSchema });

export const assumeInput = z.strictObject({
  name: nameSchema,
  mfaCode: mfaCodeSchema.optional(),
  duration: roleDurationSchema.optional(),
  /** A new session even while the cached one still serves (extend, renew now). */
  refresh: z.boolean().optional(),
});

/** An IAM role's name as IAM allows it (wider than a catalog name: `,` and `=` too). */
export const iamRoleNameSchema = z.string().regex(/^[\w+=,.@-]{1,64}$/, 'expected an IAM role name: 1–64 letters, digits or + = , . @ _ -');

/** `role discover`: the roles a user's trust policies let it assume, and optionally some of them added. */
export const discoverRolesInput = z.strictObject({
  /** The user whose key looks; the catalog's only user when absent. */
  user: nameSchema.optional(),
  /** Roles (IAM role names) to add to the catalog, with the facts discovery found. */
  add: z.array(iamRoleNameSchema).optional(),
  /** Added roles that need MFA and allow more than an hour become direct roles for their maximum. */
  direct: z.boolean().default(false),
  /** For an MFA session, when IAM allows listing roles only with MFA. */
  mfaCode: mfaCodeSchema.optional(),
});

/** `user rotate`: a new access key for the user, verified, and the old one deleted. */
export const rotateKeyInput = z.strictObject({
  name: nameSchema,
  /** For the MFA session, when IAM allows managing keys only with MFA and none is live. */
  mfaCode: mfaCodeSchema.optional(),
});

export const stopInput = z.union([z.strictObject({ name: nameSchema }), z.strictObject({ all: z.literal(true) })]);

export const importInput = z.strictObject({
  dryRun: z.boolean().default(false),
  removePlaintext: z.boolean().default(false),
});

export const exportInput = z.strictObject({
  name: nameSchema,
  format: z.enum(EXPORT_FORMATS),
  mfaCode: mfaCodeSchema.optional(),
});

/** The variables that point a shell's SDKs at the app's credential endpoint (no MFA code: the app renews). */
export const serverExportInput = z.strictObject({
  name: nameSchema,
  format: z.enum(EXPORT_FORMATS),
});

// Each setting as strict as in the catalog, none defaulted: settingsSchema.partial() would fill
// every absent field with its default and so reset settings the change did not name.
const settingFields = settingsSchema.shape;
export const settingsPatchInput = z.strictObject({
  mfaSessionDuration: settingFields.mfaSessionDuration.unwrap().optional(),
  defaultRoleDuration: settingFields.defaultRoleDuration.unwrap().optional(),
  refreshLeadMinutes: settingFields.refreshLeadMinutes.unwrap().optional(),
  notifyLeadMinutes: settingFields.notifyLeadMinutes.unwrap().optional(),
  language: settingFields.language.unwrap().optional(),
  clearProfilesOnQuit: settingFields.clearProfilesOnQuit.unwrap().optional(),
  serveCredentialEndpoint: settingFields.serveCredentialEndpoint.unwrap().optional(),
  keyAgeWarningDays: settingFields.keyAgeWarningDays.unwrap().optional(),
});

export type AddUserInput = z.input<typeof addUserInput>;
export type SaveUserInput = z.input<typeof saveUserInput>;
export type AddRoleInput = z.input<typeof addRoleInput>;
export type AssumeInput = z.input<typeof assumeInput>;
export type StopInput = z.input<typeof stopInput>;
export type DiscoverRolesInput = z.input<typeof discoverRolesInput>;
export type RotateKeyInput = z.input<typeof rotateKeyInput>;
export type ImportInput = z.input<typeof importInput>;
export type ExportInput = z.input<typeof exportInput>;
export type ServerExportInput = z.input<typeof serverExportInput>;
export type SettingsPatchInput = z.input<typeof settingsPatchInput>;

/**
 * Sign in to the AWS console as a role: its live session (assumed first when there is none), a
 * console service or URL to land on, and the region its home opens in.
 */
export const consoleInput = z.strictObject({
  name: nameSchema,
  mfaCode: mfaCodeSchema.optional(),
  /** A console service (ec2, s3…) or a console URL of the role's partition. */
  destination: z.string().trim().max(2048).optional(),
  region: z.string().trim().regex(REGION, 'expected a region such as us-east-1').optional(),
});
export type ConsoleInput = z.input<typeof consoleInput>;

/** Where the window opens a role's console: the OS browser, or Rolecall's own window for the role. */
export const CONSOLE_TARGETS = ['browser', 'rolecall'] as const;
export type ConsoleTarget = (typeof CONSOLE_TARGETS)[number];
export const consoleOpenInput = consoleInput.extend({ target: z.enum(CONSOLE_TARGETS) });
export type ConsoleOpenInput = z.input<typeof consoleOpenInput>;
