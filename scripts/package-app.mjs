#!/usr/bin/env node
// Packages the desktop app for one target: kubectl and helm for it, the icon, out/, then
// electron-builder. electron-builder rebuilds native modules for Electron in node_modules, so
// Node's builds are restored afterwards: the CLI and the tests must keep working.
//
//   node scripts/package-app.mjs [--linux|--mac|--win] [--x64|--arm64] [--dir]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const os = args.includes('--mac') ? 'mac' : args.includes('--win') ? 'win' : args.includes('--linux') ? 'linux' : { darwin: 'mac', win32: 'win' }[process.platform] ?? 'linux';
const arch = args.includes('--arm64') ? 'arm64' : args.includes('--x64') ? 'x64' : process.arch;

function run(cmd, argv) {
  const r = spawnSync(cmd, argv, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed`);
}

run(process.execPath, ['scripts/fetch-app-tools.mjs', `--os=${os}`, `--arch=${arch}`]);
run(process.execPath, ['scripts/app-icon.mjs']);
run(process.execPath, ['scripts/build-app.mjs']);
try {
  run('npx', ['electron-builder', '--config', 'electron-builder.yml', `--${os}`, `--${arch}`, ...(args.includes('--dir') ? ['--dir'] : []), '--publish', 'never']);
} finally {
  run('npm', ['rebuild', 'better-sqlite3', 'node-pty']);
}
