// electron-builder.yml, checked without building (no Electron binary here): against
// electron-builder's own JSON schema, with the same ajv options electron-builder validates with
// (app-builder-lib/out/util/config/schemaValidator.js), and for what the packages promise.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

interface FileSet {
  from?: string;
  to?: string;
  filter?: string | string[];
}
interface BuilderConfig {
  files?: (string | FileSet)[];
  asarUnpack?: string[];
  npmRebuild?: boolean;
  extraResources?: (string | FileSet)[];
  icon?: string;
  electronFuses?: Record<string, boolean>;
  directories?: { output?: string; buildResources?: string };
  linux?: { target?: string[]; icon?: string; executableName?: string; maintainer?: string; category?: string };
  deb?: { depends?: string[] };
  mac?: { target?: string[]; icon?: string; hardenedRuntime?: boolean; entitlements?: string; entitlementsInherit?: string; category?: string };
  win?: { target?: string[]; icon?: string };
  nsis?: { oneClick?: boolean; perMachine?: boolean };
}

const config = parse(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;

// The schema and the ajv of the electron-builder this repo packages with, found through
// electron-builder itself: app-builder-lib and its ajv are its dependencies, not ours, so the check
// follows whatever versions an upgrade brings.
interface Validate {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string }[] | null;
}
type AjvConstructor = new (options: Record<string, unknown>) => { compile(schema: object): Validate };
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
const appBuilderLib = dirname(requireFromBuilder.resolve('app-builder-lib/package.json'));
const requireFromAppBuilderLib = createRequire(join(appBuilderLib, 'package.json'));
const schema = JSON.parse(readFileSync(join(appBuilderLib, 'scheme.json'), 'utf8')) as object;
const Ajv = (requireFromAppBuilderLib('ajv') as { default: AjvConstructor }).default;
const validate = Ajv === undefined ? undefined : new Ajv({ allErrors: true, coerceTypes: true, strict: false }).compile(schema);

/** The schema's complaints about a config, as "path message" lines; empty when it is accepted. */
function complaints(candidate: unknown): string[] {
  if (validate === undefined) throw new Error('ajv from app-builder-lib has no default export: see how app-builder-lib/out/util/config/schemaValidator.js loads it now');
  // coerceTypes rewrites the data it checks: give it a copy.
  return validate(structuredClone(candidate)) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

/** PNG width and height, read from the IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml against electron-builder’s schema', () => {
  it('is accepted', () => {
    expect(complaints(config)).toEqual([]);
  });

  it('would be refused with an unknown option or a wrong type (the check can fail)', () => {
    expect(complaints({ ...config, entitelments: 'build/entitlements.mac.plist' }).join('\n')).toMatch(/must NOT have additional properties/);
    expect(complaints({ ...config, mac: { ...config.mac, hardenedRuntime: 'sometimes' } }).join('\n')).toMatch(/\/mac\/hardenedRuntime must be boolean/);
    expect(complaints({ ...config, deb: { depends: { libsecret: true } } })).not.toEqual([]);
    expect(complaints({ ...config, electronFuses: { ...config.electronFuses, runAsNodeOff: true } })).not.toEqual([]);
  });
});

describe('electron-builder.yml promises', () => {
  it('ships only the built app: out/, package.json and the tray images main/electron/app-tray.ts reads (node_modules come from electron-builder)', () => {
    const trayImages = ['assets/tray.png', 'assets/tray@2x.png', 'assets/trayTemplate.png', 'assets/trayTemplate@2x.png'];
    expect(config.files).toEqual(['out/**', 'package.json', ...trayImages]);
    for (const image of trayImages) expect(existsSync(image), image).toBe(true);
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
  });

  it('unpacks the keychain module’s .node from the asar archive, and has nothing to rebuild', () => {
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(false);
    // The one native module is Node-API and prebuilt; keytar (node-gyp, libsecret) is gone for good.
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).toContain('@napi-rs/keyring');
    expect(Object.keys(manifest.dependencies)).not.toContain('keytar');
    const binary = `node_modules/@napi-rs/keyring-${process.platform}-${process.arch}${process.platform === 'linux' ? '-gnu' : process.platform === 'win32' ? '-msvc' : ''}`;
    expect(existsSync(binary), `${binary}: the platform binary npm ci installs`).toBe(true);
  });

  it('builds an AppImage and a deb (electron-builder’s own dependencies: no libsecret), and keeps `rolecall` free for the CLI', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    // A `depends` would replace electron-builder's list of Electron's own libraries.
    expect(config.deb?.depends).toBeUndefined();
    expect(config.linux?.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
    expect(config.linux?.executableName).not.toBe('rolecall');
  });

  it('builds a dmg with the hardened runtime and an entitlements file that exists and grants no more than JIT', () => {
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.category).toBe('public.app-category.developer-tools');
    for (const file of [config.mac?.entitlements, config.mac?.entitlementsInherit]) {
      expect(file).toBe('build/entitlements.mac.plist');
      expect(existsSync(file as string)).toBe(true);
    }
    const plist = readFileSync('build/entitlements.mac.plist', 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1])).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('builds a per-user nsis installer for Windows', () => {
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false });
  });

  it('names icons that exist and are large enough (512 px for macOS’s .icns, 256 for the others)', () => {
    const icons = [config.icon, config.linux?.icon, config.mac?.icon, config.win?.icon];
    for (const icon of icons) {
      expect(icon).toBeDefined();
      expect(existsSync(icon as string)).toBe(true);
    }
    expect(pngSize(config.mac?.icon as string)).toEqual({ width: 512, height: 512 });
    for (const icon of icons) expect(pngSize(icon as string).width).toBeGreaterThanOrEqual(256);
  });

  it('has tray images for every platform: coloured for Linux and Windows, templates for macOS', () => {
    for (const [name, size] of [
      ['tray', 16],
      ['tray@2x', 32],
      ['trayTemplate', 16],
      ['trayTemplate@2x', 32],
    ] as const) {
      expect(pngSize(`assets/${name}.png`)).toEqual({ width: size, height: size });
    }
  });

  // Flipped at build time, so a shipped binary cannot be turned into a Node interpreter, have code
  // injected through NODE_OPTIONS, take a debugger on main (which holds keychain access) or load
  // an app folder other than its asar.
  it('keeps the fuses the repo relies on: RunAsNode stays off, which is why the CLI runs in the app', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
