import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Test images, built locally FROM scratch with a static busybox: no registry is ever needed. */
export const IMAGE_V1 = 'skiff-test/busybox:1';
export const IMAGE_V2 = 'skiff-test/busybox:2';
export const PAUSE_ARGS = ['--pause-image', IMAGE_V1, '--pause-command', 'sleep 2147483647'];

export function dockerAvailable(): boolean {
  return spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;
}

/** In CI a missing Docker is a failure, never a skip. */
export function requireDocker(): boolean {
  if (dockerAvailable()) return true;
  if (process.env.CI === 'true') throw new Error('Docker is required for these tests and is not running');
  return false;
}

function dockerfile(version: string): string {
  return [
    'FROM scratch',
    'COPY busybox /bin/busybox',
    'RUN ["/bin/busybox","--install","-s","/bin"]',
    'RUN mkdir -p /tmp /www /root && chmod 1777 /tmp',
    `RUN echo "version ${version}" > /www/index.html`,
    'CMD ["/bin/sh"]',
    '',
  ].join('\n');
}

function build(tag: string, version: string): void {
  // An image under this tag from another recipe (an older test run) is rebuilt, never trusted.
  const recipe = createHash('sha256').update(dockerfile(version)).digest('hex').slice(0, 16);
  const have = spawnSync('docker', ['image', 'inspect', '--format', '{{index .Config.Labels "skiff.test.recipe"}}', tag], { encoding: 'utf8' });
  if (have.status === 0 && have.stdout.trim() === recipe) return;
  const busybox = ['/usr/bin/busybox', '/bin/busybox'].find((p) => existsSync(p));
  if (!busybox) throw new Error('building test images needs a static busybox (apt-get install busybox-static)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'skiff-img-'));
  try {
    copyFileSync(busybox, path.join(dir, 'busybox'));
    writeFileSync(path.join(dir, 'Dockerfile'), dockerfile(version));
    const r = spawnSync('docker', ['build', '-q', '--label', `skiff.test.recipe=${recipe}`, '-t', tag, dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`docker build ${tag} failed: ${r.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function ensureTestImages(): void {
  build(IMAGE_V1, '1');
  build(IMAGE_V2, '2');
}

/** Containers of one node, as `docker ps` shows them (name and state). */
export function nodeContainers(node: string): Array<{ id: string; name: string; state: string; labels: Record<string, string> }> {
  const r = spawnSync('docker', ['ps', '-a', '--filter', `label=skiff.node=${node}`, '--format', '{{json .}}'], { encoding: 'utf8' });
  return r.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .map((c) => ({
      id: c.ID,
      name: c.Names,
      state: c.State,
      labels: Object.fromEntries(String(c.Labels).split(',').filter(Boolean).map((kv: string) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])),
    }));
}

export function removeNodeContainers(node: string): void {
  const ids = nodeContainers(node).map((c) => c.id);
  if (ids.length) spawnSync('docker', ['rm', '-f', '-v', ...ids], { stdio: 'ignore' });
}
