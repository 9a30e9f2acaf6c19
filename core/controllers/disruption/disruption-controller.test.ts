import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTestCluster, waitFor, type TestCluster } from '../testing/harness.js';
import { finishTerminatingPods, setPodRunning } from '../testing/kubelet-double.js';
import { startReplicaSetController } from '../replicaset/replicaset-controller.js';
import { startDisruptionController } from './disruption-controller.js';

let t: TestCluster;
beforeEach(async () => {
  t = await startTestCluster();
  finishTerminatingPods(t.client, t.informers);
  t.run(startReplicaSetController, startDisruptionController);
});
afterEach(() => t.stop());

const pdb = (name: string) => t.client.get('policy/v1', 'PodDisruptionBudget', 'default', name);

it('reports healthy, desired and allowed disruptions for minAvailable and maxUnavailable', async () => {
  await t.client.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
  });
  await t.client.create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'min', namespace: 'default' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } } });
  await t.client.create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'max', namespace: 'default' }, spec: { maxUnavailable: '34%', selector: { matchLabels: { app: 'web' } } } });
  await waitFor(() => pdb('min').status?.expectedPods === 3);
  expect(pdb('min').status).toMatchObject({ observedGeneration: 1, currentHealthy: 0, desiredHealthy: 2, disruptionsAllowed: 0, expectedPods: 3 });
  expect(pdb('min').status.conditions).toMatchObject([{ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '', observedGeneration: 1 }]);
  for (const p of t.client.list('v1', 'Pod', 'default').items) await setPodRunning(t.client, p);
  await waitFor(() => pdb('min').status?.currentHealthy === 3 && pdb('max').status?.currentHealthy === 3);
  expect(pdb('min').status).toMatchObject({ desiredHealthy: 2, disruptionsAllowed: 1 });
  // 34% of 3 rounds up to 2 unavailable: 1 must stay, 2 may go.
  expect(pdb('max').status).toMatchObject({ desiredHealthy: 1, disruptionsAllowed: 2, expectedPods: 3 });
  expect(pdb('max').status.conditions).toMatchObject([{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' }]);
});
