import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTestCluster, waitFor, type TestCluster } from '../testing/harness.js';
import { finishTerminatingPods } from '../testing/kubelet-double.js';
import { startReplicationController } from './replication-controller.js';

let t: TestCluster;
beforeEach(async () => {
  t = await startTestCluster();
  finishTerminatingPods(t.client, t.informers);
  t.run(startReplicationController);
});
afterEach(() => t.stop());

const pods = () => t.client.list('v1', 'Pod', 'default').items.filter((p) => p.metadata.labels?.app === 'legacy' && !p.metadata.deletionTimestamp);

it('manages replicas for a ReplicationController and follows `kubectl scale rc`', async () => {
  const rc = await t.client.create({
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name: 'legacy', namespace: 'default' },
    spec: { replicas: 1, selector: { app: 'legacy' }, template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
  });
  await waitFor(() => pods().length === 1);
  expect(pods()[0].metadata.ownerReferences?.[0]).toMatchObject({ apiVersion: 'v1', kind: 'ReplicationController', name: 'legacy', uid: rc.metadata.uid, controller: true, blockOwnerDeletion: true });
  // What `kubectl scale rc legacy --replicas=3` sends: a merge patch of the scale subresource.
  await t.client.patch('v1', 'ReplicationController', 'default', 'legacy', 'merge', { spec: { replicas: 3 } }, { subresource: 'scale' });
  await waitFor(() => pods().length === 3);
  await waitFor(() => t.client.get('v1', 'ReplicationController', 'default', 'legacy').status?.replicas === 3);
  expect(t.client.get('v1', 'ReplicationController', 'default', 'legacy').status).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 2 });
  await t.client.patch('v1', 'ReplicationController', 'default', 'legacy', 'merge', { spec: { replicas: 0 } }, { subresource: 'scale' });
  await waitFor(() => pods().length === 0);
  await waitFor(() => t.client.get('v1', 'ReplicationController', 'default', 'legacy').status?.replicas === 0);
});

it('falls back to the template labels when the selector is missing', async () => {
  await t.client.create({
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name: 'legacy', namespace: 'default' },
    spec: { replicas: 2, template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
  });
  await waitFor(() => pods().length === 2);
});
