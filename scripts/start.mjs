// `npm start`: the desktop app where there is a display and an Electron binary, otherwise the
// same cluster headless (with its web dashboard), saying why.
//
// `npm ci` does not download Electron's binary (package.json denies electron's install
// script, so an offline or headless install never fails on it); the first `npm start` on a
// machine with a display fetches it, and builds the app and its native modules for Electron.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...p) => path.join(root, ...p);
const say = (line) => console.log(`skiff: ${line}`);

function electronBinary() {
  const pkg = at('node_modules', 'electron');
  if (!existsSync(path.join(pkg, 'package.json'))) return { why: 'Electron is not installed' };
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) {
    say('fetching the Electron binary (first start on this machine)…');
    const r = spawnSync(process.execPath, [path.join(pkg, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' } });
    if (r.status !== 0 || !existsSync(pathFile)) {
      const reason = (r.stderr ?? '').split('\n').find((l) => l.trim() && !l.trim().startsWith('at ')) ?? '';
      return { why: `the Electron binary could not be downloaded${reason ? `: ${reason.trim()}` : ''}` };
    }
  }
  const bin = path.join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? { bin } : { why: 'the Electron binary is missing' };
}

function ensureBuilt(file, args, what) {
  if (existsSync(file)) return true;
  say(`building ${what}…`);
  return spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status === 0;
}

function headless(why) {
  say(`starting headless (${why}); the dashboard is served in your browser instead`);
  if (!ensureBuilt(at('dist', 'cli.js'), ['scripts/build-core.mjs'], 'the CLI')) process.exit(1);
  ensureBuilt(at('out', 'renderer', 'index.html'), ['scripts/build-app.mjs', '--renderer'], 'the dashboard');
  const p = spawn(process.execPath, ['bin/skiff.js', 'up', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => p.kill(s));
  p.on('exit', (code) => process.exit(code ?? 0));
}

function desktop(bin) {
  if (!ensureBuilt(at('out', 'main', 'index.js'), ['scripts/build-app.mjs'], 'the desktop app')) return headless('the desktop app did not build');
  let nativeDir;
  try {
    nativeDir = spawnSync(process.execPath, ['scripts/electron-native.mjs'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).stdout.trim();
  } catch {}
  if (!nativeDir || !existsSync(nativeDir)) return headless('the native modules could not be built for Electron');
  const p = spawn(bin, [root, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, SKIFF_ELECTRON_NATIVE_DIR: nativeDir } });
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => p.kill(s));
  p.on('exit', (code) => process.exit(code ?? 0));
}

const display = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
if (!display) headless('no display');
else {
  const e = electronBinary();
  if (e.bin) desktop(e.bin);
  else headless(e.why);
}
