import { TOTP_CODE } from '../../../common/rules';
import { MfaCodeRequiredError, RolecallError } from '../errors';

export interface MfaRequest {
  user: string;
  mfaSerial: string;
  /** Why a code is needed, e.g. "Start an MFA session for dev-user". */
  purpose: string;
}

/** Asks a person for a 6-digit code: a terminal prompt in the CLI, a dialog in the app. */
export type MfaPrompt = (request: MfaRequest) => Promise<string>;

export function checkTotpCode(code: string): string {
  const trimmed = code.trim();
  if (!TOTP_CODE.test(trimmed)) {
    throw new RolecallError('An MFA code is exactly 6 digits.', 'Type the 6 digits your authenticator shows now.', 'BadMfaCode');
  }
  return trimmed;
}

/**
 * Where codes come from during one operation: a code given up front (used once, since AWS
 * accepts each code once), then the prompt. Prompts are single-flight per user: two roles
 * waiting on the same user share one prompt and one code.
 */
export class MfaCodes {
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly prompt: MfaPrompt | undefined,
    private supplied: string | undefined,
  ) {
    if (supplied !== undefined) this.supplied = checkTotpCode(supplied);
  }

  next(request: MfaRequest): Promise<string> {
    if (this.supplied !== undefined) {
      const code = this.supplied;
      this.supplied = undefined;
      return Promise.resolve(code);
    }
    const waiting = this.pending.get(request.user);
    if (waiting) return waiting;
    if (!this.prompt) return Promise.reject(new MfaCodeRequiredError(request.user, request.purpose));
    const asked = this.prompt(request)
      .then(checkTotpCode)
      .finally(() => this.pending.delete(request.user));
    this.pending.set(request.user, asked);
    return asked;
  }
}
