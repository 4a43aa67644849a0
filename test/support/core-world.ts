import { createCore, type Core } from '../../main/core/core';
import { addRole } from '../../main/core/operations/roles';
import { addUser } from '../../main/core/operations/users';
import { startStsServer, type StsTestServer } from './sts-server';
import { DEV_USER, roleArn } from './sts-fixture';
import { makeTempHome, type TempHome } from './temp-home';

/** The core in-process against the STS test server: the seeds' dev-user, admin and chained deploy. */
export interface CoreWorld {
  sts: StsTestServer;
  home: TempHome;
  /** Its clock is the server's, so moving the server's time (advance, fake Date) moves core's. */
  core: Core;
  /** How many calls of `action` the server has had. */
  calls(action: string): number;
  close(): Promise<void>;
}

export async function makeCoreWorld(): Promise<CoreWorld> {
  const sts = await startStsServer();
  const home = makeTempHome(sts.url);
  const core = createCore({ env: home.env, now: () => sts.now() });
  await addUser(core, { name: 'dev-user', accessKeyId: DEV_USER.accessKeyId, secretAccessKey: DEV_USER.secretAccessKey, mfaSerial: DEV_USER.mfaSerialNumber });
  await addRole(core, { name: 'admin', roleArn: roleArn('admin'), source: 'dev-user' });
  await addRole(core, { name: 'deploy', roleArn: roleArn('deploy'), source: 'admin' });
  return {
    sts,
    home,
    core,
    calls: (action) => sts.calls.filter((c) => c.action === action).length,
    close: async () => {
      // Forget this home's keychain entries: the keyring is shared by the whole test run.
      for (const account of await core.secrets.accounts()) await core.secrets.delete(account);
      await sts.close();
      home.cleanup();
    },
  };
}
