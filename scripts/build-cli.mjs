// Bundles the `rolecall` CLI on its own (the app bundles main/ with electron-vite). Code
// splitting keeps the credential_process fast path free of the SDK, zod and commander: those
// load only when the full program runs.
import { build } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';

const outdir = 'dist/cli';
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { rolecall: 'main/cli/rolecall.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native module: loaded from node_modules at run time.
  external: ['keytar'],
  // Bundled CommonJS dependencies (commander, the SDK) call require() for Node built-ins.
  banner: { js: "import { createRequire as __rolecallCreateRequire } from 'node:module'; const require = __rolecallCreateRequire(import.meta.url);" },
  sourcemap: false,
  minify: false,
  logLevel: 'warning',
});
chmodSync(`${outdir}/rolecall.js`, 0o755);
