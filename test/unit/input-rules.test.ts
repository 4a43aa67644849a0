// The input rules issue 9 asks for, each written once (common/rules.ts) and used by the
// CLI, the IPC schemas and the window's forms; and the pieces that word refusals and STS failures.
import { describe, expect, it } from 'vitest';
import { USAGE_HINT, withoutRefusedValues } from '../../main/cli/output';
import { userAddCommand } from '../../main/core/catalog/user-add-command';
import { mayEcho, NAME, REGION } from '../../common/rules';
import { RolecallError } from '../../main/core/errors';
import { rolecallProfileName } from '../../main/core/operations/import';
import { OPERATIONS } from '../../common/operations';
import { StsBadAnswerError, StsDeadlineError } from '../../main/core/sts/client';
import { explainStsError } from '../../main/core/sts/errors';
import { stsRegion } from '../../main/core/sts/region';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('names', () => {
  it('refuses . and .. and a leading -, and keeps accepting what it did', () => {
    for (const name of ['.', '..', '-rf', '-', '--all']) expect(NAME.test(name), name).toBe(false);
    for (const name of ['admin', 'dev-user', 'a.b', '...', '.hidden', 'x-', 'team@prod', 'a+b', 'p'.repeat(64)]) expect(NAME.test(name), name).toBe(true);
  });
});

describe('regions', () => {
  it("accepts every partition's shape and refuses made-up names of any length", () => {
    for (const region of [
      'us-east-1',
      'us-gov-west-1',
      'cn-north-1',
      'eu-central-2',
      'ap-southeast-5',
      'il-central-1',
      'mx-central-1',
      'ap-northeast-3',
      'us-iso-east-1',
      'us-isob-east-1',
      'eusc-de-east-1',
    ]) {
      expect(REGION.test(region), region).toBe(true);
    }
    for (const region of ['us-east', 'useast1', 'US-EAST-1', 'us-east-123', `us-${'east'.repeat(20)}-1`, 'x-east-1', 'us-east-1 ', 'us-a-b-c-1', '']) {
      expect(REGION.test(region), region).toBe(false);
    }
  });

  it("is the same rule in the operation table's input schemas, for IPC as for the CLI (the window's forms: renderer-input-rules)", () => {
    const long = `us-${'east'.repeat(20)}-1`;
    const role = { name: 'r', roleArn: 'arn:aws:iam::123456789012:role/r', source: 'u', region: long };
    expect(OPERATIONS['role:save'].input.safeParse(role).success).toBe(false);
    expect(OPERATIONS['role:save'].input.safeParse({ ...role, region: 'us-gov-west-1' }).success).toBe(true);
    expect(OPERATIONS['user:save'].input.safeParse({ name: '-rf', accessKeyId: 'AKIAROLECALLDEV00001' }).success).toBe(false);
  });

  it("AWS_REGION is checked before the SDK sees it; the catalog's own region comes first", () => {
    expect(stsRegion({ AWS_REGION: 'eu-west-1' })).toBe('eu-west-1');
    expect(stsRegion({ AWS_REGION: 'nonsense' }, 'us-gov-west-1')).toBe('us-gov-west-1');
    expect(stsRegion({})).toBe('us-east-1');
    expect(() => stsRegion({ AWS_REGION: 'nonsense' })).toThrow(/AWS_REGION is not an AWS region name/);
    expect(() => stsRegion({ AWS_DEFAULT_REGION: 'a'.repeat(80) })).toThrow(/AWS_DEFAULT_REGION is not an AWS region name/);
  });
});

describe('refused values are repeated only when they cannot be a secret', () => {
  it('mayEcho: short words yes; keys, secrets, codes and long strings no', () => {
    for (const value of ['admin', 'asume', 'tcsh', 'dev-user', 'moon-1']) expect(mayEcho(value), value).toBe(true);
    for (const value of [
      SECRET,
      'Zx9Kq2Lm8Np4Rs7Tv1Wy3Ab5Cd6Ef0Gh+Ij2Kl9M',
      'AKIAIOSFODNN7EXAMPLE',
      'ASIAIOSFODNN7EXAMPLE',
      '918273',
      '123456789012',
      'x'.repeat(25),
      '',
    ]) {
      expect(mayEcho(value), value).toBe(false);
    }
  });

  it("commander's messages lose the values, keep the option and command names", () => {
    expect(withoutRefusedValues(`option '--duration <seconds>' argument '${SECRET}' is invalid. expected a whole number`)).toBe(
      "option '--duration <seconds>' argument is invalid. expected a whole number",
    );
    expect(withoutRefusedValues("option '--format <format>' argument 'tcsh' is invalid.")).toBe("option '--format <format>' argument 'tcsh' is invalid.");
    expect(withoutRefusedValues("unknown command '918273'")).toBe('unknown command');
    expect(withoutRefusedValues("unknown command 'asume'\n(Did you mean assume?)")).toBe("unknown command 'asume'\n(Did you mean assume?)");
    expect(withoutRefusedValues(`unknown option '--secret-access-key=${SECRET}'`)).toBe("unknown option '--secret-access-key=…'");
    expect(withoutRefusedValues("unknown option '--AKIAIOSFODNN7EXAMPLE'")).toBe('unknown option');
    expect(USAGE_HINT).toMatch(/--help/);
  });
});

describe('hints that send someone to user add', () => {
  it('carry the flags the user has, never a secret', () => {
    expect(userAddCommand({ name: 'dev-user', mfaSerial: 'arn:aws:iam::123456789012:mfa/dev', region: 'eu-west-1' }, 'AKIAROLECALLDEV00001')).toBe(
      'rolecall user add dev-user --access-key-id AKIAROLECALLDEV00001 --mfa-serial arn:aws:iam::123456789012:mfa/dev --region eu-west-1',
    );
    expect(userAddCommand({ name: 'ci' })).toBe('rolecall user add ci --access-key-id <AKIA…>');
  });
});

describe("an imported role's own profile", () => {
  it("is <name>-rolecall, shortened from the name's end to fit 64 characters, numbered past names in use", () => {
    expect(rolecallProfileName('admin', new Set(['admin']))).toBe('admin-rolecall');
    expect(rolecallProfileName('admin', new Set(['admin', 'admin-rolecall', 'admin-rolecall2']))).toBe('admin-rolecall3');
    const long = 'p'.repeat(64);
    const name = rolecallProfileName(long, new Set([long]));
    expect(name).toBe(`${'p'.repeat(55)}-rolecall`);
    expect(name).not.toBe(long);
    expect(rolecallProfileName(long, new Set([long, name]))).toBe(`${'p'.repeat(54)}-rolecall2`);
    for (let length = 50; length <= 64; length++) {
      const profile = 'q'.repeat(length);
      const inUse = new Set([profile, `${'q'.repeat(55)}-rolecall`, 'q'.repeat(64)]);
      const chosen = rolecallProfileName(profile, inUse);
      expect(chosen.length).toBeLessThanOrEqual(64);
      expect(inUse.has(chosen)).toBe(false);
      expect(NAME.test(chosen)).toBe(true);
    }
  });
});

describe('STS failures in words', () => {
  const doing = { doing: 'assuming admin' };
  const sdkError = (name: string, message: string, status: number, fault?: 'server' | 'client') =>
    Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, ...(fault ? { $fault: fault } : {}) });
  const words = (error: unknown) => {
    const explained = explainStsError(error, doing);
    expect(explained).toBeInstanceOf(RolecallError);
    return explained as RolecallError;
  };

  it('the deadline names the total and the setting', () => {
    const e = words(new StsDeadlineError(10_000));
    expect([e.code, e.message]).toEqual(['StsTimeout', 'AWS STS did not answer in time (10 s, retries included) while assuming admin.']);
    expect(e.hint).toMatch(/ROLECALL_STS_TIMEOUT_MS/);
  });

  it("HTTP 5xx is AWS's side, with or without an error code", () => {
    expect(words(sdkError('InternalFailure', 'An internal error occurred.', 500, 'server')).message).toBe(
      'AWS STS failed on its side while assuming admin (HTTP 500 InternalFailure), even after retrying.',
    );
    const unknown = words(sdkError('Unknown', 'Unknown', 502, 'server'));
    expect([unknown.code, unknown.message]).toEqual(['StsUnavailable', 'AWS STS failed on its side while assuming admin (HTTP 502), even after retrying.']);
  });

  it("an unreadable or empty 200 hides the SDK's internals", () => {
    const malformed = words(sdkError('Error', 'Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.', 200));
    expect(malformed.code).toBe('StsBadAnswer');
    expect(`${malformed.message} ${malformed.hint}`).not.toMatch(/\$response|hidden field|report/);
    expect(words(new StsBadAnswerError('no complete credentials')).code).toBe('StsBadAnswer');
  });

  it('throttling says what was being done and what to do', () => {
    const e = words(sdkError('Throttling', 'Rate exceeded', 400, 'client'));
    expect([e.code, e.message]).toEqual(['Throttling', 'AWS is throttling STS requests (Rate exceeded) while assuming admin: it refused even after retries.']);
    expect(e.hint).toMatch(/Wait a few seconds/);
  });
});
