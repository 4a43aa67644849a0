// A code as people paste or read it ("654 321", "654-321") is the code; anything else is refused
// in words, whether it comes from --mfa-code, the window or the terminal prompt.
import { describe, expect, it } from 'vitest';
import { mfaCodeSchema } from '../../common/inputs';
import { checkTotpCode, MfaCodes } from '../../main/core/sessions/mfa-codes';
import { RolecallError } from '../../main/core/errors';

const REQUEST = { user: 'dev-user', mfaSerial: 'arn:aws:iam::123456789012:mfa/dev-user', purpose: 'Starting an MFA session for dev-user' };
const refused = () => new RolecallError('AWS refused the MFA code while starting an MFA session for dev-user: no.', undefined, 'MfaCodeRejected');

describe('MFA code entry', () => {
  it.each(['654321', '654 321', '654-321', ' 654 - 321 '])('takes %j as 654321', (typed) => {
    expect(mfaCodeSchema.parse(typed)).toBe('654321');
    expect(checkTotpCode(typed)).toBe('654321');
  });

  it.each(['65432', '6543210', '65a321', ''])('refuses %j', (typed) => {
    expect(mfaCodeSchema.safeParse(typed).success).toBe(false);
    expect(() => checkTotpCode(typed)).toThrow('An MFA code is exactly 6 digits.');
  });

  it('asks again after a refused code, saying why, up to three codes in all', async () => {
    const asked: unknown[] = [];
    const codes = new MfaCodes(async (request) => {
      asked.push(request.retry);
      return '111 111';
    }, undefined);
    await expect(codes.withCode(REQUEST, () => Promise.reject(refused()))).rejects.toThrow(/AWS refused the MFA code/);
    expect(asked).toEqual([undefined, { refused: refused().message, attempt: 2, of: 3 }, { refused: refused().message, attempt: 3, of: 3 }]);
  });

  it('does not ask again for a code given up front (--mfa-code), nor after another error', async () => {
    let prompts = 0;
    const prompt = async () => {
      prompts++;
      return '222222';
    };
    await expect(new MfaCodes(prompt, '333333').withCode(REQUEST, () => Promise.reject(refused()))).rejects.toThrow(/refused/);
    const other = new RolecallError('AWS STS was not reachable.', undefined, 'StsTimeout');
    await expect(new MfaCodes(prompt, undefined).withCode(REQUEST, () => Promise.reject(other))).rejects.toBe(other);
    expect(prompts).toBe(1);
  });
});
