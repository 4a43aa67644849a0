// One zod schema per channel for the renderer's `unknown` payload, built from core's own input
// schemas so the window and the CLI refuse the same things. Strict objects: an unexpected field
// is refused rather than ignored, so a confused or compromised renderer is noticed.
import { z } from './zod';
import type { Channel, ChannelRequest } from './contract';
import { COPY_EXPORT_FORMATS } from './export-formats';
import {
  addRoleInput,
  assumeInput,
  exportInput,
  nameInput,
  saveUserInput,
  settingsPatchInput,
  stopInput,
} from './inputs';

const empty = z.strictObject({});

export const REQUEST_SCHEMAS: { [C in Channel]: z.ZodType<ChannelRequest<C>> } = {
  'app:info': empty,
  'catalog:list': empty,
  'sessions:list': empty,
  'user:save': saveUserInput,
  'user:remove': nameInput,
  'role:save': addRoleInput,
  'role:remove': nameInput,
  'import:preview': empty,
  // The window always says whether to remove the plaintext keys: no default decides for it.
  'import:run': z.strictObject({ removePlaintext: z.boolean() }),
  // The window assumes for the role's own duration: `duration` is the CLI's.
  'session:assume': assumeInput.omit({ duration: true }),
  'session:stop': stopInput,
  // The window copies for shells only (the CLI also prints dotenv and json).
  'session:copy-export': exportInput.extend({ format: z.enum(COPY_EXPORT_FORMATS) }),
  'settings:update': settingsPatchInput,
  'assume:take-request': empty,
};
