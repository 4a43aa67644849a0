// How a path is shown to a person.
import os from 'node:os';
import path from 'node:path';

/** `~/.aws/config` rather than `/home/alice/.aws/config` in messages: shorter, and no user name. */
export function displayPath(p: string): string {
  const home = os.homedir();
  if (home !== '' && (p === home || p.startsWith(home + path.sep))) return '~' + p.slice(home.length);
  return p;
}
