import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster/index.js';
import { silentLogger } from '../util/logger.js';
import type { ObjectsEvent, SkiffBridge } from './contract.js';
import { createHeadlessHost } from './headless-host.js';
import { createBridgeService } from './service.js';

let cluster: Cluster;
let bridge: SkiffBridge & { dispose(): void };

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'skiff-bridge-'));
  cluster = createCluster({ dataDir, port: 0, kubeconfig: { mode: 'none' }, kubelet: false, store: 'memory', logger: silentLogger });
  await cluster.start();
  bridge = createBridgeService(createHeadlessHost({ cluster, skiffVersion: '0.0.0-test', kubeconfigFile: path.join(dataDir, 'kubeconfig') }));
});

afterAll(async () => {
  bridge?.dispose();
  await cluster?.stop();
});

const until = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

const CM = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: "${value}"\n`;

describe('bridge service', () => {
  it('reports the cluster and its kinds', async () => {
    expect(await bridge.getClusterInfo()).toMatchObject({ phase: 'running', kubernetesVersion: 'v1.34', host: 'headless', kubelet: false });
    const kinds = await bridge.listResourceTypes();
    expect(kinds.find((k) => k.kind === 'Deployment')).toMatchObject({ apiVersion: 'apps/v1', plural: 'deployments', namespaced: true });
    expect(kinds.some((k) => k.kind === 'TokenReview')).toBe(false);
  });

  it('applies YAML as skiff-dashboard, strictly, and reads it back', async () => {
    const [cm] = await bridge.applyYaml(CM('one', 'a'));
    expect(cm.metadata.namespace).toBe('default');
    expect(cm.metadata.managedFields?.[0].manager).toBe('skiff-dashboard');
    expect((await bridge.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'one' })).data).toEqual({ k: 'a' });
    await expect(bridge.applyYaml(`${CM('one', 'b')}bogus: 1\n`)).rejects.toMatchObject({ status: { code: 400, message: expect.stringContaining('unknown field "bogus"') } });
    await expect(bridge.applyYaml('kind: ConfigMap\nmetadata: {name: x}\n')).rejects.toMatchObject({ status: { code: 400 } });
  });

  it('watches: a sync, then batched changes, unavailable while stopped, a fresh sync after', async () => {
    const events: ObjectsEvent[] = [];
    const off = bridge.onDidChangeObjects({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default' }, (e) => events.push(e));
    expect(events[0]).toMatchObject({ type: 'sync' });
    await bridge.applyYaml(CM('two', 'x'));
    await bridge.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'two' });
    await until(() => events.some((e) => e.type === 'changes' && e.changes.some((c) => c.type === 'deleted')));
    const changes = events.flatMap((e) => (e.type === 'changes' ? e.changes.map((c) => `${c.type} ${c.object.metadata.name}`) : []));
    expect(changes).toEqual(['added two', 'deleted two']);

    await bridge.setKubernetesEnabled(false);
    expect(events.at(-1)).toMatchObject({ type: 'unavailable' });
    await expect(bridge.list({ apiVersion: 'v1', kind: 'ConfigMap' })).rejects.toMatchObject({ status: { code: 503 } });
    await bridge.setKubernetesEnabled(true);
    await until(() => events.at(-1)?.type === 'sync');
    off();
  });

  it('scales and restarts a Deployment, and refuses a rollout restart for other kinds', async () => {
    await bridge.applyYaml('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: busybox}]}\n');
    const ref = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' };
    expect((await bridge.scale(ref, 3)).spec.replicas).toBe(3);
    const restarted = await bridge.restartRollout(ref);
    expect(restarted.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT/);
    await expect(bridge.restartRollout({ ...ref, kind: 'ConfigMap', apiVersion: 'v1', name: 'one' })).rejects.toMatchObject({ status: { code: 400 } });
    await expect(bridge.scale(ref, -1)).rejects.toMatchObject({ status: { code: 400 } });
  });

  it('ends log streams with a clear status when no kubelet runs', async () => {
    const got: unknown[] = [];
    const off = bridge.onDidReceiveLogs({ namespace: 'default', pod: 'nope', container: 'c' }, (e) => got.push(e));
    await until(() => got.length > 0);
    off();
    expect(got[0]).toMatchObject({ type: 'end', status: { code: 503 } });
  });

  it('resets to an empty cluster that serves again', async () => {
    await bridge.applyYaml(CM('doomed', 'x'));
    const info = await bridge.resetCluster();
    expect(info.phase).toBe('running');
    await expect(bridge.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'doomed' })).rejects.toMatchObject({ status: { code: 404 } });
    expect((await bridge.list({ apiVersion: 'v1', kind: 'Namespace' })).items.map((n) => n.metadata.name)).toContain('default');
  });

  it('keeps dashboard preferences and refuses the ones the command line decided', async () => {
    const view = await bridge.updateSettings({ theme: 'dark', showSystemContainers: true });
    expect(view.values).toMatchObject({ theme: 'dark', showSystemContainers: true, kubernetesEnabled: true });
    await expect(bridge.updateSettings({ apiPort: 1234 })).rejects.toMatchObject({ status: { code: 403 } });
    await expect(bridge.updateSettings({ theme: 'purple' as never })).rejects.toMatchObject({ status: { code: 400 } });
  });
});
