import { spawnSync } from 'node:child_process';
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

function build(tag: string, version: string): void {
  if (spawnSync('docker', ['image', 'inspect', tag], { stdio: 'ignore' }).status === 0) return;
  const busybox = ['/usr/bin/busybox', '/bin/busybox'].find((p) => existsSync(p));
  if (!busybox) throw new Error('building test images needs a static busybox (apt-get install busybox-static)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'skiff-img-'));
  try {
    copyFileSync(busybox, path.join(dir, 'busybox'));
    writeFileSync(
      path.join(dir, 'Dockerfile'),
      [
        'FROM scratch',
        'COPY busybox /bin/busybox',
        'RUN ["/bin/busybox","--install","-s","/bin"]',
        'RUN mkdir -p /tmp /www /root && chmod 1777 /tmp',
        `RUN echo "version ${version}" > /www/index.html`,
        'CMD ["/bin/sh"]',
        '',
      ].join('\n'),
    );
    const r = spawnSync('docker', ['build', '-q', '-t', tag, dir], { encoding: 'utf8' });
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
