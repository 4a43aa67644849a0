// Prints the current TOTP code of a fixture user's virtual MFA device (real clock), e.g.
//   npx tsx test/support/totp-cli.ts dev-user [--step N]
// `--step -1` / `--step 1` give the previous / next 30 s code, which the server also accepts.
import { Secret, TOTP } from 'otpauth';
import { defaultFixture } from './sts-fixture';

const [name = 'dev-user'] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--step');
const stepFlag = process.argv.indexOf('--step');
const step = stepFlag >= 0 ? Number(process.argv[stepFlag + 1]) : 0;

const user = defaultFixture().users.find((u) => u.name === name);
if (!user?.mfa || !Number.isInteger(step)) {
  console.error(
    `usage: totp-cli.ts USER [--step N]; users with MFA: ${defaultFixture()
      .users.filter((u) => u.mfa)
      .map((u) => u.name)
      .join(', ')}`,
  );
  process.exit(2);
}
const totp = new TOTP({ secret: Secret.fromBase32(user.mfa.seed), algorithm: 'SHA1', digits: 6, period: 30 });
console.log(totp.generate({ timestamp: Date.now() + step * 30_000 }));
