// The desktop app's own builds of the native modules (better-sqlite3, node-pty), compiled for
// Electron's ABI into .cache/electron-native/<version>/, so node_modules keeps Node's builds
// for the CLI and the tests and the two never fight. The main process maps the module names
// to these copies (electron/main/native-modules.ts). Packaging does not use this: there
// electron-builder rebuilds inside the package.
//
//   node scripts/electron-native.mjs            prints the folder, building it when needed
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODULES = ['better-sqlite3', 'node-pty'];

function nodeGyp() {
  const npmRoot = spawnSync('npm', ['root', '-g'], { encoding: 'utf8', shell: process.platform === 'win32' }).stdout.trim();
  const candidates = [path.join(ROOT, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'), path.join(npmRoot, 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')];
  return candidates.find((c) => existsSync(c));
}

export function electronNativeDir() {
  const version = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const dir = path.join(ROOT, '.cache', 'electron-native', version);
  const stamp = path.join(dir, 'built.json');
  if (existsSync(stamp)) return dir;
  const gyp = nodeGyp();
  if (!gyp) throw new Error('node-gyp is not available to build the native modules for Electron');
  rmSync(dir, { recursive: true, force: true });
  for (const name of MODULES) {
    const src = path.join(ROOT, 'node_modules', name);
    if (!existsSync(src)) continue;
    const dest = path.join(dir, 'node_modules', name);
    mkdirSync(path.dirname(dest), { recursive: true });
    cpSync(src, dest, { recursive: true, filter: (f) => !f.includes(`${path.sep}build${path.sep}`) });
    process.stderr.write(`skiff: building ${name} for Electron ${version} (once)…\n`);
    const r = spawnSync(process.execPath, [gyp, 'rebuild', '--runtime=electron', `--target=${version}`, '--dist-url=https://electronjs.org/headers'], { cwd: dest, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`building ${name} for Electron failed`);
  }
  writeFileSync(stamp, JSON.stringify({ version, modules: MODULES }) + '\n');
  return dir;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(electronNativeDir());
