import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// The endpoint's bearer tokens: 256 random bits each, compared in constant time. Both sides are
// hashed first, so the comparison takes the same time whatever the length of what was presented
// (timingSafeEqual itself needs equal lengths, and an early length check would leak the length).

/** Bytes of randomness in a token: 256 bits. */
export const TOKEN_BYTES = 32;

/** A fresh token, URL-safe base64 (43 characters), fit for an HTTP header and an environment variable. */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** A token kept as its digest, so a check never compares the secret itself byte by byte. */
export class TokenCheck {
  private readonly expected: Buffer;

  constructor(token: string) {
    this.expected = digest(token);
  }

  /** Whether `presented` is the token, in time that depends on neither value. */
  matches(presented: string): boolean {
    return timingSafeEqual(digest(presented), this.expected);
  }
}
