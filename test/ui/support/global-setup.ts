// Before the UI tests: the CLI, the renderer, the web-mode harness and a tiny local image, so
// the tests need no network. Everything here is idempotent and quick when already done.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, copyFileSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../support/paths.js';
import { TEST_IMAGE } from './web-mode.js';

function run(cmd: string, args: string[], opts: { allowFail?: boolean } = {}): boolean {
  const r = spawnSync(cmd, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0 && !opts.allowFail) throw new Error(`${cmd} ${args.join(' ')} failed with ${r.status}`);
  return r.status === 0;
}

function ensureImage(): void {
  if (spawnSync('docker', ['image', 'inspect', TEST_IMAGE], { stdio: 'ignore' }).status === 0) return;
  if (!existsSync('/usr/bin/busybox')) return;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'skiff-ui-image-'));
  copyFileSync('/usr/bin/busybox', path.join(dir, 'busybox'));
  writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nCMD ["sh"]\n');
  run('docker', ['build', '-q', '-t', TEST_IMAGE, dir], { allowFail: true });
  rmSync(dir, { recursive: true, force: true });
}

export default function setup(): void {
  run(process.execPath, ['scripts/fetch-tools.mjs', '--only=kubectl-1.34,helm']);
  if (!existsSync(path.join(REPO_ROOT, 'core', 'api', 'generated', 'definitions.json'))) run(process.execPath, ['scripts/codegen/index.mjs']);
  run(process.execPath, ['scripts/build-core.mjs']);
  run(process.execPath, ['scripts/build-app.mjs', '--renderer']);
  run('npx', ['esbuild', 'test/ui/support/harness-main.ts', '--bundle', '--platform=node', '--format=esm', '--packages=external', '--outfile=dist/ui-harness.js', '--log-level=warning']);
  ensureImage();
}
