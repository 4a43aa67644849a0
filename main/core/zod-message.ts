import type { z } from 'zod';

/** Turns zod issues into one readable line: "roles.0.roleArn: expected arn:aws:iam::…". */
export function formatZodIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
