import { afterEach, expect, it } from 'vitest';
import { startTestCluster, waitFor, type TestCluster } from '../testing/harness.js';
import { FakeClock } from '../testing/fake-clock.js';
import { startReplicaSetController } from '../replicaset/replicaset-controller.js';
import { startDeploymentController } from './deployment-controller.js';
import { deploymentKit } from './deployment-test-kit.js';

let t: TestCluster;
const k = deploymentKit(() => t);
afterEach(() => t.stop());

it('reports ProgressDeadlineExceeded when a rollout stalls, and minReadySeconds delays availability', async () => {
  const clock = new FakeClock();
  t = await startTestCluster({ clock });
  t.run(startReplicaSetController, startDeploymentController);
  await t.client.create(k.deployment('stuck', 1, { progressDeadlineSeconds: 30, minReadySeconds: 5 }));
  await waitFor(() => k.allPods('stuck').length === 1);
  await t.settle();
  expect(k.condition(k.get('stuck'), 'Progressing')?.status).toBe('True');
  await clock.advance(31_000);
  await waitFor(() => k.condition(k.get('stuck'), 'Progressing')?.reason === 'ProgressDeadlineExceeded');
  const [rs] = k.replicaSets('stuck');
  expect(k.condition(k.get('stuck'), 'Progressing')).toMatchObject({ status: 'False', message: `ReplicaSet "${rs.metadata.name}" has timed out progressing.` });
  // Readiness counts as available only after minReadySeconds.
  await k.makeReady(k.allPods('stuck'));
  await waitFor(() => k.get('stuck').status?.readyReplicas === 1);
  expect(k.get('stuck').status.availableReplicas).toBeUndefined();
  await clock.advance(6_000);
  await waitFor(() => k.get('stuck').status?.availableReplicas === 1);
  await waitFor(() => k.condition(k.get('stuck'), 'Available')?.status === 'True');
});
