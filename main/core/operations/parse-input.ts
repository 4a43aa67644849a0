import type { z } from 'zod';
import { InvalidInputError } from '../errors';
import { firstIssueField, formatZodIssues } from '../zod-message';

/** Validates an operation's argument; a refusal names the field and what it expects. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new InvalidInputError(`Invalid ${what}: ${formatZodIssues(result.error)}.`, firstIssueField(result.error));
  return result.data;
}
