// Starts the local STS with the default fixture for manual runs:
//   npx tsx test/support/sts-server-cli.ts [--port N]
// The first line is machine-readable (ROLECALL_TEST_STS=URL); the rest is for humans.
import { startStsServer } from './sts-server';

const portFlag = process.argv.indexOf('--port');
const port = portFlag >= 0 ? Number(process.argv[portFlag + 1]) : 0;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('usage: sts-server-cli.ts [--port N]');
  process.exit(2);
}

const server = await startStsServer({ port });
console.log(`ROLECALL_TEST_STS=${server.url}`);
console.log(`# account ${server.fixture.accountId}; set AWS_ENDPOINT_URL_STS=${server.url}`);
for (const user of server.fixture.users) {
  const mfa = user.mfa ? ` mfa=${user.mfa.serialNumber}` : '';
  console.log(`# ${user.name}: AWS_ACCESS_KEY_ID=${user.accessKeyId} AWS_SECRET_ACCESS_KEY=${user.secretAccessKey}${mfa}`);
}
for (const user of server.fixture.users.filter((u) => u.mfa)) {
  console.log(`# MFA code: npx tsx test/support/totp-cli.ts ${user.name}`);
}

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
