// Bundles the headless CLI (core/) into dist/cli.js and copies the generated data beside it.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const started = Date.now();
await build({
  entryPoints: [new URL('core/cluster/main.ts', root).pathname],
  outfile: new URL('dist/cli.js', root).pathname,
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
