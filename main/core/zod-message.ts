import type { z } from 'zod';

/** Turns zod issues into one readable line: "roles.0.roleArn: expected arn:aws:iam::…". */
export function formatZodIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * The field the first issue is about, as a dotted path ("roles.0.roleArn"), so a form can mark
 * it. zod reports an unknown key on its object's path: the key itself is the field then.
 */
export function firstIssueField(error: z.ZodError): string | undefined {
  const issue = error.issues[0];
  if (!issue) return undefined;
  const path = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;
  return path.length ? path.map(String).join('.') : undefined;
}
