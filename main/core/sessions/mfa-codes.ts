import { MFA_PROMPT_TRIES, TOTP_CODE, withoutCodeSeparators } from '../../../common/rules';
import { isRolecallError, MfaCodeRequiredError, RolecallError } from '../errors';

export interface MfaRequest {
  user: string;
  mfaSerial: string;
  /** Why a code is needed, e.g. "Start an MFA session for dev-user". */
  purpose: string;
  /** Set when asking again: why AWS refused the previous code, and which try this is. */
  retry?: { refused: string; attempt: number; of: number };
}

/** Asks a person for a 6-digit code: a terminal prompt in the CLI, a dialog in the app. */
export type MfaPrompt = (request: MfaRequest) => Promise<string>;

export function checkTotpCode(code: string): string {
  const digits = withoutCodeSeparators(code);
  if (!TOTP_CODE.test(digits)) {
    throw new RolecallError('An MFA code is exactly 6 digits.', 'Type the 6 digits your authenticator shows now.', 'BadMfaCode');
  }
  return digits;
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
    return this.nextWithSource(request).then(({ code }) => code);
  }

  /**
   * Runs `use` with a code; when AWS refuses a code the person typed at the prompt, asks again
   * (saying why) up to MFA_PROMPT_TRIES codes in all, in the same run. A code given up front is
   * not replaced by a prompt: its refusal is the answer (a script passed it, nobody is there).
   */
  async withCode<T>(request: MfaRequest, use: (code: string) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const { code, asked } = await this.nextWithSource(request);
      try {
        return await use(code);
      } catch (error) {
        if (!asked || attempt >= MFA_PROMPT_TRIES || !isRolecallError(error) || error.code !== 'MfaCodeRejected') throw error;
        request = { ...request, retry: { refused: error.message, attempt: attempt + 1, of: MFA_PROMPT_TRIES } };
      }
    }
  }

  private nextWithSource(request: MfaRequest): Promise<{ code: string; asked: boolean }> {
    if (this.supplied !== undefined) {
      const code = this.supplied;
      this.supplied = undefined;
      return Promise.resolve({ code, asked: false });
    }
    const waiting = this.pending.get(request.user);
    if (waiting) return waiting.then((code) => ({ code, asked: true }));
    if (!this.prompt) return Promise.reject(new MfaCodeRequiredError(request.user, request.purpose));
    const asked = this.prompt(request)
      .then(checkTotpCode)
      .finally(() => this.pending.delete(request.user));
    this.pending.set(request.user, asked);
    return asked.then((code) => ({ code, asked: true }));
  }
}
