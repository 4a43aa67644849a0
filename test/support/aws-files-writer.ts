// Child process for the concurrency test in test/unit/aws-files.test.ts: writes one managed
// profile into the files named by AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE.
//   node --import tsx test/support/aws-files-writer.ts <profile>
import { writeManagedProfile } from '../../main/core/aws-files';

const profile = process.argv[2];
if (!profile) {
  process.stderr.write('usage: aws-files-writer.ts <profile>\n');
  process.exit(2);
}
await writeManagedProfile(
  profile,
  {
    accessKeyId: `ASIA${profile.toUpperCase().padEnd(16, 'X').slice(0, 16)}`,
    secretAccessKey: `secret-${profile}`,
    sessionToken: `token-${profile}`,
    expiration: new Date('2030-01-01T00:00:00Z'),
  },
  { region: 'eu-west-1' },
);
