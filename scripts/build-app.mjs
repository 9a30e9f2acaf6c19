// `npm run build:app`: the desktop app's main, preload and renderer into out/ (electron-vite;
// it needs no Electron binary), plus the generated API data the bundled core reads at run
// time. `--renderer` builds only the renderer, which is all web mode (`skiff up`) serves.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, OUT, rendererConfig } from './app-build-config.mjs';

const started = Date.now();
const rendererOnly = process.argv.includes('--renderer');

if (rendererOnly) {
  const { build } = await import('vite');
  await build({ ...rendererConfig(), configFile: false });
} else {
  const { build } = await import('electron-vite');
  await build({ configFile: path.join(ROOT, 'scripts', 'electron.vite.config.mjs'), root: ROOT, logLevel: 'warn' });
  const generated = path.join(ROOT, 'core', 'api', 'generated');
  if (existsSync(generated)) {
    mkdirSync(path.join(OUT, 'generated'), { recursive: true });
    cpSync(generated, path.join(OUT, 'generated'), { recursive: true });
  }
}
console.log(`built ${rendererOnly ? 'the dashboard' : 'the desktop app'} into out/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
