// `npm start`: the desktop app where there is a display and an Electron binary, otherwise the
// same cluster headless (with its web dashboard), saying why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const bin = require('electron');
    return typeof bin === 'string' && existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

const display = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
const electron = display ? electronBinary() : undefined;
const appBuilt = existsSync(new URL('out/main/index.js', `file://${root}`));

if (electron && appBuilt) {
  const p = spawn(electron, [root], { stdio: 'inherit' });
  p.on('exit', (code) => process.exit(code ?? 0));
} else {
  const why = !display ? 'no display' : !electron ? 'no Electron binary' : 'the desktop app is not built (npm run build:app)';
  console.log(`skiff: starting headless (${why})`);
  if (!existsSync(new URL('dist/cli.js', `file://${root}`))) spawnSync(process.execPath, ['scripts/build-core.mjs'], { cwd: root, stdio: 'inherit' });
  const p = spawn(process.execPath, ['bin/skiff.js', 'up', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => p.kill(s));
  p.on('exit', (code) => process.exit(code ?? 0));
}
