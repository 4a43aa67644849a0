// A long-running program on the JS SDK, run by the credential endpoint test under
// `rolecall exec --server`: its STS client takes credentials from the SDK's default chain (which
// reaches the container provider, fromHttp, through AWS_CONTAINER_CREDENTIALS_FULL_URI) and keeps
// them memoized, refreshing them itself as their Expiration nears, as any long job would.
//
// One command per line of stdin (or of the FIFO named by SDK_CHILD_COMMANDS, when stdin is the
// terminal Rolecall prompts on), one JSON answer per stdout line:
//   call     GetCallerIdentity: {"arn", "accessKeyId"} or {"error"}
//   env      which credential variables its environment holds
//   exit N   exits with status N
//
// Its clock is the test's (ROLECALL_TEST_CLOCK_FILE: real time plus an offset), so the SDK sees
// the hours pass that the STS test server and Rolecall see.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

const clockFile = process.env.ROLECALL_TEST_CLOCK_FILE;
if (clockFile) {
  const realNow = Date.now;
  Date.now = () => realNow() + Number(readFileSync(clockFile, 'utf8'));
}

const say = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);
const client = new STSClient({ endpoint: process.env.AWS_ENDPOINT_URL_STS });

const CREDENTIAL_VARIABLES = /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|SECURITY_TOKEN|PROFILE|DEFAULT_PROFILE|CONTAINER_.*|REGION|DEFAULT_REGION)$/;

const commands = process.env.SDK_CHILD_COMMANDS ? createReadStream(process.env.SDK_CHILD_COMMANDS) : process.stdin;
for await (const line of createInterface({ input: commands })) {
  const [command, argument] = line.trim().split(/\s+/);
  if (command === 'exit') process.exit(Number(argument));
  if (command === 'env') {
    say(Object.fromEntries(Object.entries(process.env).filter(([name]) => CREDENTIAL_VARIABLES.test(name))));
    continue;
  }
  try {
    // The memoized identity the client signs with: fetched again only when it nears its end.
    const identity = await client.config.credentials();
    const { Arn } = await client.send(new GetCallerIdentityCommand({}));
    say({ arn: Arn, accessKeyId: identity.accessKeyId });
  } catch (error) {
    say({ error: error instanceof Error ? error.message : String(error) });
  }
}
