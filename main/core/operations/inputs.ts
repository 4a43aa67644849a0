import { z } from 'zod';
import { SECRET_ACCESS_KEY, TOTP_CODE } from '../domain/rules';
import { nameSchema, roleDurationSchema, roleSchema, userSchema } from '../catalog/schema';

// The arguments of every operation, validated the same way whether they come from the CLI, the
// window (IPC) or a test. Each schema is a trust boundary.

export const mfaCodeSchema = z.string().trim().regex(TOTP_CODE, 'an MFA code is exactly 6 digits');

export const addUserInput = userSchema.extend({
  secretAccessKey: z
    .string()
    .trim()
    .min(1, 'the secret access key is empty')
    .regex(SECRET_ACCESS_KEY, 'a secret access key is 40 characters of letters, digits, / + and ='),
});

export const addRoleInput = roleSchema;

export const nameInput = z.strictObject({ name: nameSchema });

export const assumeInput = z.strictObject({
  name: nameSchema,
  mfaCode: mfaCodeSchema.optional(),
  duration: roleDurationSchema.optional(),
});

export const stopInput = z.union([z.strictObject({ name: nameSchema }), z.strictObject({ all: z.literal(true) })]);

export const importInput = z.strictObject({
  dryRun: z.boolean().default(false),
  removePlaintext: z.boolean().default(false),
});

export type AddUserInput = z.input<typeof addUserInput>;
export type AddRoleInput = z.input<typeof addRoleInput>;
export type AssumeInput = z.input<typeof assumeInput>;
export type StopInput = z.input<typeof stopInput>;
export type ImportInput = z.input<typeof importInput>;
