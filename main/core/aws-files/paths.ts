// Where the shared AWS files are, resolved the way the AWS SDKs and CLI do it.
import os from 'node:os';
import path from 'node:path';

export interface AwsFilePaths {
  credentials: string;
  config: string;
}

/**
 * The home directory for `env`: HOME first (what the JS SDK reads, and what tests set), then the
 * OS answer (USERPROFILE on Windows).
 */
export function homeDir(env: NodeJS.ProcessEnv): string {
  const home = env.HOME;
  return home !== undefined && home !== '' ? home : os.homedir();
}

function expandHome(p: string, env: NodeJS.ProcessEnv): string {
  if (p === '~') return homeDir(env);
  if (p.startsWith('~/') || p.startsWith('~\\')) return path.join(homeDir(env), p.slice(2));
  return p;
}

/** The environment variables that move the files; error hints name them. */
export const CREDENTIALS_SETTING = 'AWS_SHARED_CREDENTIALS_FILE';
export const CONFIG_SETTING = 'AWS_CONFIG_FILE';

/** Paths are made absolute so the lock and the writes never depend on the current directory. */
export function resolveAwsFilePaths(env: NodeJS.ProcessEnv = process.env): AwsFilePaths {
  const pick = (name: string, fallback: string): string => {
    const value = env[name];
    return path.resolve(expandHome(value !== undefined && value !== '' ? value : fallback, env));
  };
  return {
    credentials: pick(CREDENTIALS_SETTING, '~/.aws/credentials'),
    config: pick(CONFIG_SETTING, '~/.aws/config'),
  };
}

export { displayPath } from '../files/display-path';
