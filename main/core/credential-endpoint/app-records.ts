import { z } from 'zod';

// What the running app keeps in the keychain about its credential endpoint, so that
// `rolecall export <role> --server` (another process) can point a shell at it. The keychain, not a
// file: the tokens are secrets, and whoever can read them there can read the keys anyway.
//
// Both records carry the app run's id. A record left behind by a crashed app is never handed out:
// the CLI asks the endpoint itself, which answers with its own run id (a dead port, or another
// program on it, does not).

/** `endpoint`: where this run of the app listens. Not secret; removed when the app stops serving. */
export const appEndpointRecordSchema = z.object({
  port: z.number().int().min(1).max(65_535),
  runId: z.string().min(1),
  pid: z.number().int(),
});
export type AppEndpointRecord = z.infer<typeof appEndpointRecordSchema>;

/** `endpoint/<role>`: the role's token for this run (AWS_CONTAINER_AUTHORIZATION_TOKEN). */
export const endpointTokenRecordSchema = z.object({
  runId: z.string().min(1),
  token: z.string().min(1),
});
export type EndpointTokenRecord = z.infer<typeof endpointTokenRecordSchema>;

/** What the endpoint answers to a grant request: the run it belongs to. */
export const grantAnswerSchema = z.object({ runId: z.string() });
