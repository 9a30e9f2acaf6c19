import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../support/api-client.js';
import { REPO_ROOT } from '../../support/paths.js';
import { SkiffProcess } from '../../support/skiff.js';

const live: SkiffProcess[] = [];
afterEach(async () => {
  for (const s of live.splice(0)) await s.dispose();
});

function skiffProcess(): SkiffProcess {
  const s = new SkiffProcess();
  live.push(s);
  return s;
}

describe('durability', () => {
  it('stops on SIGTERM within 10 s and serves every object after a restart', async () => {
    const s = skiffProcess();
    await s.start();
    for (let i = 0; i < 20; i++) await s.kubectl.ok(['create', 'configmap', `keep-${i}`, `--from-literal=i=${i}`]);
    const started = Date.now();
    expect(await s.stop('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    await s.start();
    const names = (await s.kubectl.ok(['get', 'configmaps', '-o', 'name'])).trim().split('\n');
    for (let i = 0; i < 20; i++) expect(names).toContain(`configmap/keep-${i}`);
    expect((await s.kubectl.json(['get', 'configmap', 'keep-7'])).data.i).toBe('7');
  });

  it('loses no acknowledged write when killed with SIGKILL in the middle of a write loop', async () => {
    const s = skiffProcess();
    await s.start();
    const api = new ApiClient(s);
    const acknowledged: string[] = [];
    let stop = false;
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const name = `w${w}-${i}`;
        try {
          const r = await api.request('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { n: String(i) } });
          if (r.status === 201) acknowledged.push(name);
        } catch {
          return;
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    s.proc!.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    api.close();
    expect(acknowledged.length).toBeGreaterThan(50);
    await s.start();
    const names = new Set((await s.kubectl.ok(['get', 'configmaps', '-o', 'name'])).trim().split('\n').map((n) => n.replace('configmap/', '')));
    const missing = acknowledged.filter((n) => !names.has(n));
    expect(missing).toEqual([]);
  });

  it('says in one line why it cannot start: busy port, unwritable data dir', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const s = skiffProcess();
      const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'skiff.js'), 'up', '--data-dir', s.dataDir, '--port', String(port), '--kubeconfig', s.kubeconfig, '--no-kubelet'], { encoding: 'utf8', timeout: 30_000 });
      expect(r.status).not.toBe(0);
      expect(r.stderr.trim()).toMatch(new RegExp(`^skiff: error: port ${port} on 127.0.0.1 is already in use`));
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      blocker.close();
    }
    const s = skiffProcess();
    mkdirSync(s.dataDir, { recursive: true });
    chmodSync(s.dataDir, 0o500);
    const asRoot = process.getuid?.() === 0;
    const target = asRoot ? path.join(s.workDir, 'file-not-dir') : s.dataDir;
    if (asRoot) writeFileSync(target, 'not a directory');
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'skiff.js'), 'up', '--data-dir', target, '--port', '0', '--kubeconfig', s.kubeconfig, '--no-kubelet'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim()).toMatch(/^skiff: error: cannot use data dir/);
  });

  it('refuses a data dir written by a newer schema', async () => {
    const s = skiffProcess();
    await s.start();
    await s.stop();
    const bumped = spawnSync(process.execPath, ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(path.join(s.dataDir, 'store.db'))});d.prepare("UPDATE meta SET v='99' WHERE k='schema_version'").run();d.close()`], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(bumped.status).toBe(0);
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'skiff.js'), 'up', '--data-dir', s.dataDir, '--port', '0', '--kubeconfig', s.kubeconfig, '--no-kubelet'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim()).toMatch(/^skiff: error: .*newer Skiff \(store schema 99\)/);
  });

  it('writes a kubeconfig with mode 0600 before /readyz answers', async () => {
    const s = skiffProcess();
    await s.start();
    const { statSync } = await import('node:fs');
    expect(statSync(s.kubeconfig).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(s.dataDir, 'pki', 'ca.key')).mode & 0o777).toBe(0o600);
    expect((await s.getPublic('/readyz')).body).toBe('ok');
  });
});
