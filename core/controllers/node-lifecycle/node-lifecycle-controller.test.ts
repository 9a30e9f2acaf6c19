import { afterEach, beforeEach, expect, it } from 'vitest';
import { rfc3339Micro } from '../../util/clock.js';
import { startTestCluster, waitFor, type TestCluster } from '../testing/harness.js';
import { FakeClock } from '../testing/fake-clock.js';
import { createNode, retryOnConflict, setPodRunning } from '../testing/kubelet-double.js';
import { startNodeLifecycleController } from './node-lifecycle-controller.js';

let t: TestCluster;
let clock: FakeClock;
beforeEach(async () => {
  clock = new FakeClock();
  t = await startTestCluster({ clock });
  t.run(startNodeLifecycleController);
});
afterEach(() => t.stop());

const node = (name: string) => t.client.get('v1', 'Node', undefined, name);
const taints = (name: string) => (node(name).spec?.taints ?? []).map((x: { key: string; effect: string }) => `${x.key}:${x.effect}`).sort();

it('taints a NotReady node and clears the taint when it is Ready again', async () => {
  await createNode(t.client, 'sick', { ready: false });
  await waitFor(() => taints('sick').length === 2);
  expect(taints('sick')).toEqual(['node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/not-ready:NoSchedule']);
  expect(node('sick').spec.taints.find((x: { effect: string }) => x.effect === 'NoExecute').timeAdded).toBeDefined();
  await retryOnConflict(() => {
    const n = node('sick');
    return t.client.updateStatus({ ...n, status: { ...n.status, conditions: n.status.conditions.map((c: Record<string, unknown>) => (c.type === 'Ready' ? { ...c, status: 'True' } : c)) } });
  });
  await waitFor(() => taints('sick').length === 0);
});

it('marks a node whose Lease went stale Unknown, taints it unreachable and its pods not ready', async () => {
  await createNode(t.client, 'quiet');
  await t.client.create({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'quiet', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'quiet', leaseDurationSeconds: 40, renewTime: rfc3339Micro(clock.now()) } });
  const pod = await t.client.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { nodeName: 'quiet', containers: [{ name: 'c', image: 'nginx' }] } });
  await setPodRunning(t.client, pod, { clock });
  await t.settle();
  await clock.advance(30_000);
  await t.settle();
  expect(taints('quiet')).toEqual([]);
  await clock.advance(15_000);
  await waitFor(() => taints('quiet').length === 2);
  expect(taints('quiet')).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
  expect(node('quiet').status.conditions.find((c: { type: string }) => c.type === 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
  const ready = t.client.get('v1', 'Pod', 'default', 'p').status.conditions.find((c: { type: string }) => c.type === 'Ready');
  expect(ready.status).toBe('False');
});

it('gives a node a fresh grace period after the machine slept instead of declaring it dead', async () => {
  await createNode(t.client, 'laptop');
  await t.client.create({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'laptop', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'laptop', leaseDurationSeconds: 40, renewTime: rfc3339Micro(clock.now()) } });
  await t.settle();
  await clock.sleep(30 * 60_000);
  await t.settle();
  expect(node('laptop').status.conditions.find((c: { type: string }) => c.type === 'Ready').status).toBe('True');
  // A kubelet that stays silent after waking is still found out.
  await clock.advance(45_000);
  await waitFor(() => taints('laptop').includes('node.kubernetes.io/unreachable:NoExecute'));
});
