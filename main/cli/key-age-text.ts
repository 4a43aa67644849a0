// A key's age as the CLI says it: "key 120 days old" in `list` and `user add`, and in `status` one
// calm suggestion for the keys past the key-age setting, pointing to `user rotate`.
import { keyAgeDays } from '../../common/key-age';
import { say } from './output';

export function keyAgeText(createdAt: string, now: number): string {
  const days = keyAgeDays(createdAt, now) ?? 0;
  return days === 0 ? 'key created today' : `key ${days} day${days === 1 ? '' : 's'} old`;
}

/** Once per `status`, after its own lines: which keys are old, and how to replace one. */
export function sayOldKeys(oldKeys: ReadonlyArray<{ user: string; days: number }>): void {
  if (!oldKeys.length) return;
  const [first] = oldKeys;
  say(
    oldKeys.length === 1
      ? `${first!.user}'s access key is ${first!.days} days old; consider replacing it.`
      : `These access keys are past the key-age setting: ${oldKeys.map((k) => `${k.user} ${k.days} days`).join(', ')}; consider replacing them.`,
  );
  say(`  Replace it in one step: rolecall user rotate ${first!.user} (a new key made, checked and stored, the old one deleted; needs iam:CreateAccessKey).`);
}
