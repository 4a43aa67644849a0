import type { z } from 'zod';
import { RolecallError } from '../errors';
import { formatZodIssues } from '../zod-message';

/** Validates an operation's argument; a refusal names the field and what it expects. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new RolecallError(`Invalid ${what}: ${formatZodIssues(result.error)}.`, undefined, 'InvalidInput');
  return result.data;
}
