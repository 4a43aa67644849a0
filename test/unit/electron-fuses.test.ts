// The packaged app's Electron fuses (electron-builder.yml): flipped at build time, so a shipped
// binary cannot be turned into a Node interpreter, have code injected through NODE_OPTIONS, take
// a debugger on main (which holds keychain access) or load an app folder other than its asar.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const config = parse(readFileSync('electron-builder.yml', 'utf8')) as { electronFuses?: Record<string, boolean> };

describe('electron-builder.yml fuses', () => {
  it('turns off RunAsNode, NODE_OPTIONS and the inspect arguments, and loads only the asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
