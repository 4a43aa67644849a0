// The window's forms refuse what the CLI and IPC refuse (issue 9): one rule each, from the core.
import { describe, expect, it } from 'vitest';
import { checkRole, roleFormValues } from '../../renderer/src/forms/role-validation';
import { checkUser, userFormValues } from '../../renderer/src/forms/user-validation';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe("the forms use the core's name and region rules", () => {
  it('a made-up region of any length is marked on the region field', () => {
    const long = `us-${'east'.repeat(20)}-1`;
    const form = checkRole({ ...roleFormValues(undefined, 'u'), name: 'r', roleArn: 'arn:aws:iam::123456789012:role/r', region: long }, false);
    expect(form.ok ? undefined : Object.keys(form.errors)).toEqual(['region']);
    const fine = checkRole({ ...roleFormValues(undefined, 'u'), name: 'r', roleArn: 'arn:aws:iam::123456789012:role/r', region: 'us-gov-west-1' }, false);
    expect(fine.ok).toBe(true);
  });

  it('names . and .. and a leading - are marked on their fields', () => {
    const user = checkUser({ ...userFormValues(undefined), name: '..', accessKeyId: 'AKIAROLECALLDEV00001', secretAccessKey: SECRET, region: 'moon-1' }, undefined);
    expect(user.ok ? undefined : Object.keys(user.errors).sort()).toEqual(['name', 'region']);
    const role = checkRole({ ...roleFormValues(undefined, 'u'), name: '-rf', roleArn: 'arn:aws:iam::123456789012:role/r', profile: '.' }, false);
    expect(role.ok ? undefined : Object.keys(role.errors).sort()).toEqual(['name', 'profile']);
  });
});
