import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

// What the running app keeps in the keychain about its credential endpoint, so that
// `rolecall export <role> --server` (another process) can point a shell at it. The keychain, not a
// file: the tokens are secrets, and whoever can read them there can read the keys anyway.
//
// Both records carry the app run's id, 256 random bits that never leave the app and the keychain. A
// record left behind by a crashed app is never handed out: the CLI asks the endpoint itself with a
// fresh challenge, and only the run that wrote the record can answer it (HMAC keyed by the run's
// id), so a dead port, or another program listening there now (another user's, even one that
// watched an earlier grant), gets no shell pointed at it.

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

/** What the endpoint answers to a grant request: proof that it is the run of the record. */
export const grantAnswerSchema = z.object({ proof: z.string() });

/** The header carrying the CLI's challenge; its length bounds. */
export const CHALLENGE_HEADER = 'x-rolecall-challenge';
export const CHALLENGE_LENGTH = { min: 32, max: 128 } as const;

/** The answer to `challenge` only the run `runId` can give. */
export function grantProof(runId: string, challenge: string): string {
  return createHmac('sha256', runId).update(challenge, 'utf8').digest('base64url');
}

/** Whether `proof` answers `challenge` for the run `runId` (compared in constant time). */
export function isGrantProof(runId: string, challenge: string, proof: string): boolean {
  const expected = Buffer.from(grantProof(runId, challenge));
  const given = Buffer.from(proof);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
