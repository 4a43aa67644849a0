// Which roles a user may assume, read from their trust policies as IAM's ListRoles returns them
// (URL-encoded JSON): by ARN, by account, with or without MFA, Deny honoured, other accounts and
// conditions Rolecall cannot evaluate named rather than guessed.
import { describe, expect, it } from 'vitest';
import { evaluateTrust } from '../../main/core/iam/trust-policy';

const USER = { userArn: 'arn:aws:iam::111122223333:user/dev-user' };
const doc = (...Statement: object[]) => encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement }));
const allow = (Principal: unknown, extra: object = {}) => ({ Effect: 'Allow', Principal, Action: 'sts:AssumeRole', ...extra });
const MFA = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };

describe('a trust policy read for one user', () => {
  it('trusts the user named by ARN, by its account root, by its account id, or anyone', () => {
    for (const principal of [{ AWS: USER.userArn }, { AWS: 'arn:aws:iam::111122223333:root' }, { AWS: ['999999999999', '111122223333'] }, '*', { AWS: '*' }]) {
      expect(evaluateTrust(doc(allow(principal)), USER), JSON.stringify(principal)).toMatchObject({ trusts: true, needsMfa: false, dependsOn: [] });
    }
  });

  it('does not trust another user, another account, or a service', () => {
    for (const principal of [{ AWS: 'arn:aws:iam::111122223333:user/other' }, { AWS: 'arn:aws:iam::999999999999:root' }, { Service: 'ec2.amazonaws.com' }]) {
      expect(evaluateTrust(doc(allow(principal)), USER)).toMatchObject({ trusts: false, reason: 'its trust policy does not name this user or its account' });
    }
  });

  it('needs MFA when the Allow requires it, in any of the ways policies say so', () => {
    expect(evaluateTrust(doc(allow({ AWS: USER.userArn }, MFA)), USER)).toMatchObject({ trusts: true, needsMfa: true });
    expect(evaluateTrust(doc(allow({ AWS: USER.userArn }, { Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 } } })), USER)).toMatchObject({
      needsMfa: true,
    });
    expect(evaluateTrust(doc(allow({ AWS: USER.userArn }, { Condition: { Null: { 'aws:MultiFactorAuthAge': 'false' } } })), USER)).toMatchObject({ needsMfa: true });
  });

  it('honours Deny: an unconditional one wins, one without MFA makes MFA needed', () => {
    const deny = (extra: object = {}) => ({ Effect: 'Deny', Principal: { AWS: USER.userArn }, Action: 'sts:*', ...extra });
    expect(evaluateTrust(doc(allow('*'), deny()), USER)).toMatchObject({ trusts: false, reason: 'its trust policy denies this user' });
    const noMfaDenied = deny({ Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } });
    expect(evaluateTrust(doc(allow({ AWS: '111122223333' }), noMfaDenied), USER)).toMatchObject({ trusts: true, needsMfa: true });
  });

  it('reads single statements, action wildcards and lists, and NotAction', () => {
    const single = encodeURIComponent(JSON.stringify({ Statement: allow({ AWS: USER.userArn }, { Action: ['sts:TagSession', 'sts:Assume*'] }) }));
    expect(evaluateTrust(single, USER)).toMatchObject({ trusts: true });
    expect(evaluateTrust(doc(allow({ AWS: USER.userArn }, { Action: 'sts:AssumeRoleWithSAML' })), USER)).toMatchObject({ trusts: false });
    expect(evaluateTrust(doc({ Effect: 'Allow', Principal: { AWS: USER.userArn }, NotAction: 'iam:*' }), USER)).toMatchObject({ trusts: true });
  });

  it('names an external id and conditions it cannot evaluate instead of guessing', () => {
    const withExternalId = allow({ AWS: USER.userArn }, { Condition: { StringEquals: { 'sts:ExternalId': 'shared-secret-id' } } });
    expect(evaluateTrust(doc(withExternalId), USER)).toMatchObject({ trusts: true, needsExternalId: true, dependsOn: [] });
    const sourceIp = allow({ AWS: USER.userArn }, { Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } });
    expect(evaluateTrust(doc(sourceIp), USER)).toMatchObject({ trusts: true, dependsOn: ['aws:SourceIp'] });
  });

  it('prefers the easiest Allow when several apply', () => {
    expect(evaluateTrust(doc(allow({ AWS: USER.userArn }, MFA), allow({ AWS: '111122223333' })), USER)).toMatchObject({ trusts: true, needsMfa: false });
  });

  it('refuses a document that is not a policy, in words', () => {
    for (const bad of ['%7Bnot json', encodeURIComponent('{"Statement": [{"Effect": "Maybe"}]}'), '']) {
      expect(evaluateTrust(bad, USER)).toMatchObject({ trusts: false, reason: 'its trust policy could not be read' });
    }
  });

  it('works in the other partitions', () => {
    const gov = { userArn: 'arn:aws-us-gov:iam::111122223333:user/dev-user' };
    expect(evaluateTrust(doc(allow({ AWS: 'arn:aws-us-gov:iam::111122223333:root' })), gov)).toMatchObject({ trusts: true });
    expect(evaluateTrust(doc(allow({ AWS: 'arn:aws:iam::111122223333:root' })), gov)).toMatchObject({ trusts: false });
  });
});
