import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { startScheduler } from '../../scheduler/index.js';
import { computeTemplateHash } from '../shared/hash.js';
import { isPodReady } from '../shared/pod-state.js';
import { startTestCluster, waitFor, type TestCluster } from '../testing/harness.js';
import { createNode, finishTerminatingPods, setPodRunning } from '../testing/kubelet-double.js';
import { startDaemonSetController } from './daemonset-controller.js';

let t: TestCluster;
beforeEach(async () => {
  t = await startTestCluster();
  finishTerminatingPods(t.client, t.informers);
  t.run(startDaemonSetController, (ctx) => startScheduler(ctx));
});
afterEach(() => t.stop());

function ds(name: string, spec: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'agent', image: 'agent:1' }], ...podSpec } }, ...spec },
  };
}

const podsOf = (app: string) => t.client.list('v1', 'Pod', 'default').items.filter((p) => p.metadata.labels?.app === app && !p.metadata.deletionTimestamp);
const nodesOf = (app: string) => podsOf(app).map((p) => p.spec.nodeName).sort();
const getDs = (name: string) => t.client.get('apps/v1', 'DaemonSet', 'default', name);
async function readyAll(app: string) {
  for (const p of podsOf(app)) if (!isPodReady(p) && p.spec.nodeName) await setPodRunning(t.client, p);
}

describe('DaemonSet controller', () => {
  it('runs one pod per node, pinned by matchFields affinity and bound by the scheduler', async () => {
    await createNode(t.client, 'node-a');
    await createNode(t.client, 'node-b');
    const set = await t.client.create(ds('agent'));
    await waitFor(() => nodesOf('agent').join() === 'node-a,node-b', 5000, 'pods bound on both nodes');
    const hash = computeTemplateHash(set.spec.template);
    const pod = podsOf('agent').find((p) => p.spec.nodeName === 'node-a')!;
    expect(pod.metadata.labels).toEqual({ app: 'agent', 'controller-revision-hash': hash, 'pod-template-generation': '1' });
    expect(pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual({ nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-a'] }] }] });
    expect(pod.spec.tolerations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }),
        expect.objectContaining({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }),
      ]),
    );
    const revs = t.client.list('apps/v1', 'ControllerRevision', 'default').items;
    expect(revs.map((r) => [r.metadata.name, r.revision, r.metadata.labels?.['controller-revision-hash']])).toEqual([[`agent-${hash}`, 1, hash]]);
    await waitFor(() => getDs('agent').status?.currentNumberScheduled === 2);
    expect(getDs('agent').status).toEqual({ currentNumberScheduled: 2, numberMisscheduled: 0, desiredNumberScheduled: 2, numberReady: 0, observedGeneration: 1, updatedNumberScheduled: 2, numberUnavailable: 2 });
    await readyAll('agent');
    await waitFor(() => getDs('agent').status?.numberAvailable === 2);
    expect(getDs('agent').status).toMatchObject({ numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2 });
    expect(getDs('agent').status.numberUnavailable).toBeUndefined();
    // A new node gets its pod; a removed node loses it.
    await createNode(t.client, 'node-c');
    await waitFor(() => nodesOf('agent').join() === 'node-a,node-b,node-c');
    await t.client.delete('v1', 'Node', undefined, 'node-a');
    await waitFor(() => nodesOf('agent').join() === 'node-b,node-c');
  });

  it('follows nodeSelector and taints', async () => {
    await createNode(t.client, 'ssd', { labels: { disk: 'ssd' } });
    await createNode(t.client, 'hdd');
    await createNode(t.client, 'gpu', { labels: { disk: 'ssd' }, taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] });
    await t.client.create(ds('fast', {}, { nodeSelector: { disk: 'ssd' } }));
    await waitFor(() => nodesOf('fast').join() === 'ssd');
    await t.settle();
    expect(podsOf('fast')).toHaveLength(1);
    const hdd = t.client.get('v1', 'Node', undefined, 'hdd');
    await t.client.update({ ...hdd, metadata: { ...hdd.metadata, labels: { ...hdd.metadata.labels, disk: 'ssd' } } });
    await waitFor(() => nodesOf('fast').join() === 'hdd,ssd');
    await t.client.patch('apps/v1', 'DaemonSet', 'default', 'fast', 'json', [{ op: 'add', path: '/spec/template/spec/tolerations', value: [{ key: 'gpu', operator: 'Exists' }] }]);
    await waitFor(() => nodesOf('fast').join() === 'gpu,hdd,ssd', 5000, 'tolerated taint');
  });

  it('rolls out one node at a time with maxUnavailable 1', async () => {
    for (const n of ['n1', 'n2', 'n3']) await createNode(t.client, n);
    await t.client.create(ds('agent', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } } }));
    await waitFor(() => nodesOf('agent').join() === 'n1,n2,n3');
    await readyAll('agent');
    await waitFor(() => getDs('agent').status?.numberAvailable === 3, 5000, 'initial');
    await t.client.patch('apps/v1', 'DaemonSet', 'default', 'agent', 'json', [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'agent:2' }]);
    const newHash = await waitFor(() => (getDs('agent').metadata.generation === 2 ? computeTemplateHash(getDs('agent').spec.template) : undefined));
    for (let step = 1; step <= 3; step++) {
      await waitFor(() => podsOf('agent').filter((p) => p.metadata.labels?.['controller-revision-hash'] === newHash && p.spec.nodeName).length === step, 5000, `step ${step}`);
      await t.settle();
      const updated = podsOf('agent').filter((p) => p.metadata.labels?.['controller-revision-hash'] === newHash);
      expect(updated).toHaveLength(step);
      // Never more than one node without an available pod.
      expect(podsOf('agent').filter((p) => isPodReady(p)).length).toBeGreaterThanOrEqual(2);
      await readyAll('agent');
    }
    await waitFor(() => getDs('agent').status?.updatedNumberScheduled === 3 && getDs('agent').status?.numberAvailable === 3);
    expect(podsOf('agent').every((p) => p.spec.containers[0].image === 'agent:2')).toBe(true);
    expect(t.client.list('apps/v1', 'ControllerRevision', 'default').items.map((r) => r.revision).sort()).toEqual([1, 2]);
  });
});
