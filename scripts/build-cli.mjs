// Bundles the `rolecall` CLI on its own (the app bundles main/ with electron-vite), as two parts:
// - dist/cli/rolecall.cjs, the bin: one CommonJS file holding only the credential_process fast
//   path (CommonJS starts ~3 ms faster than ESM, and one file means one read);
// - dist/cli/program.js and its chunks, the full program (ESM, code-split), imported only when
//   the fast path does not answer. The SDK, zod and commander load only there.
import { build } from 'esbuild';
import { chmodSync, mkdirSync, renameSync, rmSync } from 'node:fs';

const outdir = 'dist/cli';
// Build next to the target and swap it in, so a running CLI never sees half a build.
const staging = `${outdir}.staging-${process.pid}`;
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Native module: loaded from node_modules at run time.
  external: ['@napi-rs/keyring'],
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { program: 'main/cli/program-entry.ts' },
  outdir: staging,
  splitting: true,
  format: 'esm',
  // Bundled CommonJS dependencies (commander, the SDK) call require() for Node built-ins.
  banner: { js: "import { createRequire as __rolecallCreateRequire } from 'node:module'; const require = __rolecallCreateRequire(import.meta.url);" },
});

await build({
  ...common,
  entryPoints: { rolecall: 'main/cli/rolecall.ts' },
  outdir: staging,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // keyring-store only reaches for import.meta where no CommonJS require exists.
  logOverride: { 'empty-import-meta': 'silent' },
});

chmodSync(`${staging}/rolecall.cjs`, 0o755);
rmSync(outdir, { recursive: true, force: true });
renameSync(staging, outdir);
