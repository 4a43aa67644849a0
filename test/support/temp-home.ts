import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway HOME with its own catalog dir, AWS files and keychain namespace. */
export interface TempHome {
  home: string;
  configDir: string;
  credentialsFile: string;
  configFile: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

export function makeTempHome(stsUrl?: string): TempHome {
  const home = mkdtempSync(join(tmpdir(), 'rolecall-home-'));
  // Not the platform's default folder (~/.config/Rolecall on Linux, elsewhere on macOS and Windows),
  // so on every platform the test catalog is a non-default one and writes its owner key
  // (x_rolecall_catalog) into the AWS files, as a catalog moved with ROLECALL_CONFIG_DIR does.
  const configDir = join(home, 'rolecall-catalog');
  const credentialsFile = join(home, '.aws', 'credentials');
  const configFile = join(home, '.aws', 'config');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    // The catalog dir also names the keychain namespace: each test home gets its own.
    ROLECALL_CONFIG_DIR: configDir,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_CONFIG_FILE: configFile,
    AWS_REGION: 'us-east-1',
    // The AWS CLI on a terminal pages its output through less, which waits for a key: never here.
    AWS_PAGER: '',
    // Tests never prompt: a developer's terminal must not capture a test's MFA prompt.
    ROLECALL_NO_TTY: '1',
    DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
    XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR,
    // The STS test server serves the federation endpoint (sts-federation.ts) and IAM's actions (iam-actions.ts) too: no test reaches AWS.
    ...(stsUrl ? { AWS_ENDPOINT_URL_STS: stsUrl, AWS_ENDPOINT_URL_IAM: stsUrl, ROLECALL_SIGNIN_ENDPOINT: `${stsUrl}/federation` } : {}),
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return { home, configDir, credentialsFile, configFile, env, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}
