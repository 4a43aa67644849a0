// The keychain store's words and its one retry (main/core/keychain/keyring-store.ts): a call that
// finds the Secret Service gone (its daemon crashed or restarted mid-call) is tried once more, as
// D-Bus starts the service again; a locked keychain is said at once, and one that stays away is
// said as unreachable.
import { describe, expect, it } from 'vitest';
import { KeychainLockedError, KeychainUnavailableError } from '../../main/core/errors';
import { guarded, keychainError } from '../../main/core/keychain/keyring-store';

function failingTimes(times: number, message: string) {
  let calls = 0;
  const work = async () => {
    calls++;
    if (calls <= times) throw new Error(message);
    return 'secret';
  };
  return { work, calls: () => calls };
}

describe('the keychain store', () => {
  it('tries once more when the Secret Service went away in the middle of a call', async () => {
    const call = failingTimes(1, 'Platform secure storage failure: org.freedesktop.DBus.Error.NoReply: Remote peer disconnected');
    await expect(guarded(call.work)).resolves.toBe('secret');
    expect(call.calls()).toBe(2);
  });

  it('says unreachable when it stays away, after that one more try', async () => {
    const call = failingTimes(5, 'Platform secure storage failure: org.freedesktop.DBus.Error.ServiceUnknown');
    await expect(guarded(call.work)).rejects.toBeInstanceOf(KeychainUnavailableError);
    expect(call.calls()).toBe(2);
  });

  it('says locked at once, without asking again', async () => {
    const call = failingTimes(5, 'Platform secure storage failure: unlock prompt was dismissed');
    await expect(guarded(call.work)).rejects.toBeInstanceOf(KeychainLockedError);
    expect(call.calls()).toBe(1);
    expect(keychainError(new Error('Collection IsLocked'))).toBeInstanceOf(KeychainLockedError);
  });
});
