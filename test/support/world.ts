import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startStsServer, type StsTestServer } from './sts-server';
import { ACCOUNT_ID, DEV_USER, roleArn } from './sts-fixture';
import { makeTempHome, type TempHome } from './temp-home';
import { rolecall, type RunResult } from './run';

/** One test's world: the STS test server, a temp home, and the CLI pointed at both. */
export interface World {
  sts: StsTestServer;
  home: TempHome;
  /** `env`: variables added to the home's for this run (test hooks). */
  cli(args: string[], input?: string, env?: NodeJS.ProcessEnv): Promise<RunResult>;
  /** dev-user with its MFA device, as the seeds' user sets it up. */
  addDevUser(): Promise<RunResult>;
  close(): Promise<void>;
}

export async function makeWorld(): Promise<World> {
  const sts = await startStsServer();
  const home = makeTempHome(sts.url);
  const cli = (args: string[], input?: string, env?: NodeJS.ProcessEnv) => rolecall(args, { env: { ...home.env, ...env }, input });
  return {
    sts,
    home,
    cli,
    addDevUser: () =>
      cli(['user', 'add', 'dev-user', '--access-key-id', DEV_USER.accessKeyId, '--mfa-serial', DEV_USER.mfaSerialNumber], `${DEV_USER.secretAccessKey}\n`),
    close: async () => {
      // Forget this home's keychain entries: the keyring is shared by the whole test run.
      await cli(['stop', '--all']).catch(() => undefined);
      await sts.close();
      home.cleanup();
    },
  };
}

export { ACCOUNT_ID, DEV_USER, roleArn };

/** Every file under a directory whose content includes `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const stat = statSync(path);
    if (stat.isDirectory()) hits.push(...filesContaining(path, needle));
    else if (readFileSync(path).includes(needle)) hits.push(path);
  }
  return hits;
}

export function secondsUntil(iso: string): number {
  return (Date.parse(iso) - Date.now()) / 1000;
}
