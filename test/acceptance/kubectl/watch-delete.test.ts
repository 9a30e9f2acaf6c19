import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath } from '../../support/paths.js';
import { startSkiff, type SkiffProcess } from '../../support/skiff.js';

let skiff: SkiffProcess;
let k: SkiffProcess['kubectl'];

beforeAll(async () => {
  skiff = await startSkiff();
  k = skiff.kubectl;
});
afterAll(async () => {
  await skiff?.dispose();
});

async function until(fn: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('watch and delete', () => {
  it('get -w sees a change made by another command', async () => {
    await k.ok(['create', 'configmap', 'watched', '--from-literal=v=1']);
    const p = spawn(kubectlPath(), ['--kubeconfig', skiff.kubeconfig, '--cache-dir', path.join(skiff.workDir, 'kube-cache'), 'get', 'configmap', 'watched', '-w', '-o', 'jsonpath={.data.v}{"\\n"}'], {
      env: { ...process.env, ...k.env },
    });
    let out = '';
    p.stdout.on('data', (b) => (out += b));
    try {
      await until(() => out.includes('1\n'));
      await k.ok(['patch', 'configmap', 'watched', '--type=merge', '-p', '{"data":{"v":"2"}}']);
      await until(() => out.includes('2\n'));
    } finally {
      p.kill();
    }
    expect(out.trim().split('\n')).toEqual(['1', '2']);
  });

  it('table watches print rows as they change', async () => {
    await k.ok(['create', 'configmap', 'row-0', '--from-literal=a=1']);
    const p = spawn(kubectlPath(), ['--kubeconfig', skiff.kubeconfig, '--cache-dir', path.join(skiff.workDir, 'kube-cache'), 'get', 'configmaps', '-w'], { env: { ...process.env, ...k.env } });
    let out = '';
    p.stdout.on('data', (b) => (out += b));
    try {
      await until(() => out.includes('NAME'));
      await k.ok(['create', 'configmap', 'row-a', '--from-literal=a=1']);
      await until(() => /^row-a\s+1\s+\S+$/m.test(out));
    } finally {
      p.kill();
    }
    expect(out).toMatch(/^NAME\s+DATA\s+AGE$/m);
  });

  it('foreground cascade waits for dependents, and a finalizer holds an object until removed', async () => {
    const owner = JSON.parse(await k.ok(['create', 'configmap', 'owner', '-o', 'json']));
    const dep = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'dependent', finalizers: ['example.com/hold'], ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid, blockOwnerDeletion: true }] },
    };
    const f = path.join(skiff.workDir, 'dep.json');
    writeFileSync(f, JSON.stringify(dep));
    await k.ok(['create', '-f', f]);
    expect(await k.ok(['delete', 'configmap', 'owner', '--cascade=foreground', '--wait=false'])).toMatch(/configmap "owner" deleted/);
    await until(async () => !!(await k.json(['get', 'configmap', 'dependent'])).metadata.deletionTimestamp);
    const held = await k.json(['get', 'configmap', 'owner']);
    expect(held.metadata.deletionTimestamp).toBeTruthy();
    expect(held.metadata.finalizers).toContain('foregroundDeletion');
    await k.ok(['patch', 'configmap', 'dependent', '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
    await until(async () => (await k.run(['get', 'configmap', 'owner'])).code !== 0);
    expect(await k.fails(['get', 'configmap', 'dependent'])).toMatch(/NotFound/);
  });

  it('background cascade deletes dependents after the owner; orphan keeps them', async () => {
    const owner = JSON.parse(await k.ok(['create', 'configmap', 'bg-owner', '-o', 'json']));
    const ref = [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'bg-owner', uid: owner.metadata.uid }];
    const f = path.join(skiff.workDir, 'bg.json');
    writeFileSync(f, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bg-dep', ownerReferences: ref } }));
    await k.ok(['create', '-f', f]);
    await k.ok(['delete', 'configmap', 'bg-owner']);
    await until(async () => (await k.run(['get', 'configmap', 'bg-dep'])).code !== 0);

    const owner2 = JSON.parse(await k.ok(['create', 'configmap', 'or-owner', '-o', 'json']));
    writeFileSync(f, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'or-dep', ownerReferences: [{ ...ref[0], name: 'or-owner', uid: owner2.metadata.uid }] } }));
    await k.ok(['create', '-f', f]);
    await k.ok(['delete', 'configmap', 'or-owner', '--cascade=orphan']);
    await until(async () => (await k.run(['get', 'configmap', 'or-owner'])).code !== 0);
    const orphan = await k.json(['get', 'configmap', 'or-dep']);
    expect(orphan.metadata.ownerReferences).toBeUndefined();
  });

  it('deleting a namespace deletes what is in it, then the namespace', async () => {
    await k.ok(['create', 'namespace', 'doomed']);
    await k.ok(['create', 'configmap', 'c1', '-n', 'doomed']);
    await k.ok(['create', 'secret', 'generic', 's1', '-n', 'doomed', '--from-literal=a=b']);
    await k.ok(['delete', 'namespace', 'doomed', '--wait=true', '--timeout=30s']);
    expect(await k.fails(['get', 'namespace', 'doomed'])).toMatch(/NotFound/);
    expect(await k.ok(['get', 'configmaps', '-n', 'doomed', '-o', 'name'])).toBe('');
    expect(await k.fails(['delete', 'namespace', 'default'])).toMatch(/Forbidden.*may not be deleted/);
  });
});
