import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { startTestCluster, waitFor, type TestCluster } from '../testing/harness.js';
import { finishTerminatingPods, setPodRunning } from '../testing/kubelet-double.js';
import { FakeClock } from '../testing/fake-clock.js';
import { startReplicaSetController } from './replicaset-controller.js';
import { compareForDeletion } from '../shared/pod-ranking.js';
import { replicaStatus } from './replica-status.js';

let t: TestCluster;

async function setup(clock?: FakeClock) {
  t = await startTestCluster({ clock });
  finishTerminatingPods(t.client, t.informers);
  t.run(startReplicaSetController);
}
afterEach(() => t?.stop());

function rs(name: string, replicas: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name, tier: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } }, ...extra },
  };
}

const podsOf = (app: string) => t.client.list('v1', 'Pod', 'default').items.filter((p) => p.metadata.labels?.app === app && !p.metadata.deletionTimestamp);
const getRs = (name: string) => t.client.get('apps/v1', 'ReplicaSet', 'default', name);

describe('ReplicaSet controller', () => {
  beforeEach(() => setup());

  it('creates pods from the template with a controller reference and reports status', async () => {
    const owner = await t.client.create(rs('web', 3));
    const pods = await waitFor(() => (podsOf('web').length === 3 ? podsOf('web') : undefined));
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels).toEqual({ app: 'web', tier: 'web' });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    await waitFor(() => getRs('web').status?.replicas === 3);
    expect(getRs('web').status).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    expect(getRs('web').status.readyReplicas).toBeUndefined();
    await setPodRunning(t.client, pods[0]);
    await setPodRunning(t.client, pods[1]);
    await waitFor(() => getRs('web').status?.readyReplicas === 2);
    expect(getRs('web').status.availableReplicas).toBe(2);
    const events = await waitFor(() => {
      const evs = t.client.list('v1', 'Event', 'default').items.filter((e) => e.reason === 'SuccessfulCreate');
      return evs.length === 3 ? evs : undefined;
    });
    expect(events.map((e) => e.message).sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
  });

  it('scales down deleting unready and pending pods first', async () => {
    await t.client.create(rs('web', 3));
    const pods = await waitFor(() => (podsOf('web').length === 3 ? podsOf('web') : undefined));
    await setPodRunning(t.client, pods[0], { ready: true });
    await setPodRunning(t.client, pods[1], { ready: false });
    await t.client.patch('apps/v1', 'ReplicaSet', 'default', 'web', 'merge', { spec: { replicas: 1 } });
    await waitFor(() => podsOf('web').length === 1);
    expect(podsOf('web')[0].metadata.name).toBe(pods[0].metadata.name);
    await waitFor(() => getRs('web').status?.replicas === 1 && getRs('web').status?.observedGeneration === 2);
    await waitFor(() => t.client.list('v1', 'Event', 'default').items.filter((e) => e.reason === 'SuccessfulDelete').length === 2);
  });

  it('adopts matching orphans and releases pods whose labels stop matching', async () => {
    await t.client.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'orphan', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } });
    const owner = await t.client.create(rs('web', 2));
    await waitFor(() => podsOf('web').length === 2);
    const orphan = t.client.get('v1', 'Pod', 'default', 'orphan');
    expect(orphan.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: 'web', uid: owner.metadata.uid, controller: true });
    await waitFor(() => getRs('web').status?.replicas === 2);
    // The adopted pod lacks the template's tier label: not fully labeled.
    expect(getRs('web').status.fullyLabeledReplicas).toBe(1);
    await t.client.update({ ...orphan, metadata: { ...orphan.metadata, labels: { app: 'other' } } });
    await waitFor(() => !t.client.get('v1', 'Pod', 'default', 'orphan').metadata.ownerReferences);
    await waitFor(() => podsOf('web').length === 2);
    await t.settle();
    expect(podsOf('web')).toHaveLength(2);
  });

  it('replaces a deleted pod and does not over-create', async () => {
    await t.client.create(rs('web', 2));
    const pods = await waitFor(() => (podsOf('web').length === 2 ? podsOf('web') : undefined));
    await t.client.delete('v1', 'Pod', 'default', pods[0].metadata.name!, { gracePeriodSeconds: 0 });
    await waitFor(() => podsOf('web').length === 2 && !podsOf('web').some((p) => p.metadata.name === pods[0].metadata.name));
    await t.settle();
    expect(podsOf('web')).toHaveLength(2);
  });
});

describe('ReplicaSet availability', () => {
  it('counts a pod available only minReadySeconds after it became ready', async () => {
    const clock = new FakeClock();
    await setup(clock);
    await t.client.create(rs('slow', 1, { minReadySeconds: 10 }));
    const [pod] = await waitFor(() => (podsOf('slow').length === 1 ? podsOf('slow') : undefined));
    await setPodRunning(t.client, pod, { clock });
    await waitFor(() => getRs('slow').status?.readyReplicas === 1);
    expect(getRs('slow').status.availableReplicas).toBeUndefined();
    await clock.advance(11_000);
    await waitFor(() => getRs('slow').status?.availableReplicas === 1);
  });
});

describe('replica status and ranking', () => {
  const pod = (name: string, extra: Partial<KubeObject> = {}): KubeObject => ({ metadata: { name, creationTimestamp: '2026-01-01T00:00:00Z' }, spec: {}, ...extra });

  it('reports a failed create as ReplicaFailure and clears it once writes succeed', () => {
    const owner = rs('web', 2);
    const failed = replicaStatus(owner, [], new Error('pods "web-" is forbidden: exceeded quota'), Date.parse('2026-01-01T00:00:00Z'));
    expect(failed.conditions).toEqual([
      { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'pods "web-" is forbidden: exceeded quota', lastTransitionTime: '2026-01-01T00:00:00Z' },
    ]);
    expect(replicaStatus({ ...owner, status: failed }, [], undefined, 0).conditions).toBeUndefined();
  });

  it('orders unscheduled < pending < running, not ready < ready, newer first', () => {
    const ready = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }] };
    const unscheduled = pod('unscheduled');
    const pending = pod('pending', { spec: { nodeName: 'n' } });
    const notReady = pod('not-ready', { spec: { nodeName: 'n' }, status: { phase: 'Running' } });
    const readyOld = pod('ready-old', { spec: { nodeName: 'n' }, status: ready });
    const readyNew = pod('ready-new', { metadata: { name: 'ready-new', creationTimestamp: '2026-01-02T00:00:00Z' }, spec: { nodeName: 'n' }, status: ready });
    const sorted = [readyOld, notReady, readyNew, pending, unscheduled].sort((a, b) => compareForDeletion(a, b, 0, 0));
    expect(sorted.map((p) => p.metadata.name)).toEqual(['unscheduled', 'pending', 'not-ready', 'ready-new', 'ready-old']);
  });
});
