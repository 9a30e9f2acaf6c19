// Bundles the headless CLI (core/) into dist/cli.js and copies the generated data beside it.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const started = Date.now();
rmSync(new URL('dist/chunks', root), { recursive: true, force: true });
await build({
  entryPoints: [new URL('core/cluster/main.ts', root).pathname],
  outdir: new URL('dist', root).pathname,
  entryNames: 'cli',
  chunkNames: 'chunks/[name]-[hash]',
  // Parts loaded on demand (the kubelet, the dashboard, certificate issuing) become chunks of their own.
  splitting: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
const generated = new URL('core/api/generated', root);
if (existsSync(generated)) {
  mkdirSync(new URL('dist/generated', root), { recursive: true });
  cpSync(generated, new URL('dist/generated', root), { recursive: true });
}
console.log(`built dist/cli.js in ${Date.now() - started} ms`);
