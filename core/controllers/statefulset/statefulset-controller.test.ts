import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { startTestCluster, waitFor, type TestCluster } from '../testing/harness.js';
import { finishTerminatingPods, setPodRunning } from '../testing/kubelet-double.js';
import { isPodReady } from '../shared/pod-state.js';
import { startStatefulSetController } from './statefulset-controller.js';

let t: TestCluster;
beforeEach(async () => {
  t = await startTestCluster();
  finishTerminatingPods(t.client, t.informers);
  t.run(startStatefulSetController);
});
afterEach(() => t.stop());

function sts(name: string, replicas: number, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'db', image: 'postgres:16', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...spec,
    },
  };
}

const pod = (name: string) => t.client.find('v1', 'Pod', 'default', name);
const live = (app: string) =>
  t.client
    .list('v1', 'Pod', 'default')
    .items.filter((p) => p.metadata.labels?.app === app && !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name)
    .sort();
const getSts = (name: string) => t.client.get('apps/v1', 'StatefulSet', 'default', name);
async function ready(name: string) {
  const p = await waitFor(() => pod(name));
  if (!isPodReady(p)) await setPodRunning(t.client, p);
}
const revisions = (app: string) =>
  t.client
    .list('apps/v1', 'ControllerRevision', 'default')
    .items.filter((r) => r.metadata.ownerReferences?.[0]?.name === app)
    .sort((a, b) => a.revision - b.revision);

describe('StatefulSet controller', () => {
  it('creates pods in order, each only once the previous one is Ready, with stable identity and claims', async () => {
    const set = await t.client.create(sts('web', 3));
    await waitFor(() => pod('web-0'));
    await t.settle();
    expect(live('web')).toEqual(['web-0']);
    const p0 = pod('web-0')!;
    const [rev] = revisions('web');
    expect(rev.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(rev.revision).toBe(1);
    expect(p0.metadata.labels).toEqual({ app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0', 'controller-revision-hash': rev.metadata.name });
    expect(p0.spec.hostname).toBe('web-0');
    expect(p0.spec.subdomain).toBe('web');
    expect(p0.spec.volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } });
    expect(p0.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', uid: set.metadata.uid, controller: true });
    const pvc = t.client.get('v1', 'PersistentVolumeClaim', 'default', 'data-web-0');
    expect(pvc.metadata.labels).toEqual({ app: 'web' });
    expect(pvc.spec.resources.requests.storage).toBe('1Gi');
    await ready('web-0');
    await waitFor(() => pod('web-1'));
    await t.settle();
    expect(live('web')).toEqual(['web-0', 'web-1']);
    await ready('web-1');
    await waitFor(() => pod('web-2'));
    await ready('web-2');
    await waitFor(() => getSts('web').status?.readyReplicas === 3);
    expect(getSts('web').status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
      currentRevision: rev.metadata.name,
      updateRevision: rev.metadata.name,
      collisionCount: 0,
    });
    await waitFor(() => t.client.list('v1', 'Event', 'default').items.filter((e) => e.reason === 'SuccessfulCreate').length === 6);
    const created = t.client.list('v1', 'Event', 'default').items.filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.message);
    expect(created).toContain('create Pod web-0 in StatefulSet web successful');
    expect(created).toContain('create Claim data-web-0 Pod web-0 in StatefulSet web success');
  });

  it('scales down from the highest ordinal, one at a time', async () => {
    await t.client.create(sts('web', 3));
    for (const n of ['web-0', 'web-1', 'web-2']) await ready(n);
    await waitFor(() => getSts('web').status?.readyReplicas === 3);
    const order: string[] = [];
    t.informers.for('v1', 'Pod').on({ delete: (p) => order.push(p.metadata.name!) });
    await t.client.patch('apps/v1', 'StatefulSet', 'default', 'web', 'merge', { spec: { replicas: 1 } });
    await waitFor(() => live('web').length === 1);
    expect(live('web')).toEqual(['web-0']);
    expect(order).toEqual(['web-2', 'web-1']);
    await waitFor(() => t.client.list('v1', 'Event', 'default').items.filter((e) => e.reason === 'SuccessfulDelete').length === 2);
    const deletes = t.client.list('v1', 'Event', 'default').items.filter((e) => e.reason === 'SuccessfulDelete').map((e) => e.message);
    expect(deletes.sort()).toEqual(['delete Pod web-1 in StatefulSet web successful', 'delete Pod web-2 in StatefulSet web successful']);
    // Claims stay by default (whenScaled: Retain).
    expect(t.client.find('v1', 'PersistentVolumeClaim', 'default', 'data-web-2')).toBeDefined();
  });

  it('creates every pod at once with Parallel', async () => {
    await t.client.create(sts('par', 3, { podManagementPolicy: 'Parallel' }));
    await waitFor(() => live('par').length === 3);
  });

  it('rolls out from the highest ordinal down to the partition, then makes the update revision current', async () => {
    await t.client.create(sts('web', 3, { podManagementPolicy: 'Parallel', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }));
    await waitFor(() => live('web').length === 3);
    for (const n of ['web-0', 'web-1', 'web-2']) await ready(n);
    const [v1] = revisions('web');
    await t.client.patch('apps/v1', 'StatefulSet', 'default', 'web', 'json', [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'postgres:17' }]);
    await waitFor(() => revisions('web').length === 2);
    const v2 = revisions('web')[1];
    expect(v2.revision).toBe(2);
    await waitFor(() => pod('web-2')?.metadata.labels?.['controller-revision-hash'] === v2.metadata.name);
    expect(pod('web-2')!.spec.containers[0].image).toBe('postgres:17');
    await ready('web-2');
    await waitFor(() => pod('web-1')?.metadata.labels?.['controller-revision-hash'] === v2.metadata.name);
    await ready('web-1');
    await t.settle();
    // The partition keeps web-0 on the old revision.
    expect(pod('web-0')!.metadata.labels?.['controller-revision-hash']).toBe(v1.metadata.name);
    expect(getSts('web').status).toMatchObject({ currentRevision: v1.metadata.name, updateRevision: v2.metadata.name, updatedReplicas: 2, currentReplicas: 1 });
    await t.client.patch('apps/v1', 'StatefulSet', 'default', 'web', 'merge', { spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } } });
    await waitFor(() => pod('web-0')?.metadata.labels?.['controller-revision-hash'] === v2.metadata.name);
    await ready('web-0');
    await waitFor(() => getSts('web').status?.currentRevision === v2.metadata.name);
    expect(getSts('web').status).toMatchObject({ currentReplicas: 3, updatedReplicas: 3, readyReplicas: 3 });
    // Back to the old template: the old revision is reused and renumbered.
    await t.client.patch('apps/v1', 'StatefulSet', 'default', 'web', 'json', [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'postgres:16' }]);
    await waitFor(() => getSts('web').status?.updateRevision === v1.metadata.name);
    expect(revisions('web').map((r) => [r.metadata.name, r.revision])).toEqual([
      [v2.metadata.name, 2],
      [v1.metadata.name, 3],
    ]);
  });

  it('replaces pods only when deleted under OnDelete', async () => {
    await t.client.create(sts('od', 1, { updateStrategy: { type: 'OnDelete' } }));
    await waitFor(() => pod('od-0'));
    await ready('od-0');
    await t.client.patch('apps/v1', 'StatefulSet', 'default', 'od', 'json', [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'postgres:17' }]);
    await waitFor(() => revisions('od').length === 2);
    await t.settle();
    expect(pod('od-0')!.spec.containers[0].image).toBe('postgres:16');
    await t.client.delete('v1', 'Pod', 'default', 'od-0', { gracePeriodSeconds: 0 });
    await waitFor(() => pod('od-0')?.spec.containers[0].image === 'postgres:17');
  });

  it('applies the claim retention policy: claims go with the set, and with scaled-away pods', async () => {
    const set = await t.client.create(sts('gone', 2, { podManagementPolicy: 'Parallel', persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Delete' } }));
    await waitFor(() => live('gone').length === 2);
    for (const n of ['gone-0', 'gone-1']) await ready(n);
    const claim = (n: string) => t.client.find('v1', 'PersistentVolumeClaim', 'default', n);
    expect(claim('data-gone-0')!.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'gone', uid: set.metadata.uid, blockOwnerDeletion: true }]);
    await t.client.patch('apps/v1', 'StatefulSet', 'default', 'gone', 'merge', { spec: { replicas: 1 } });
    await waitFor(() => live('gone').length === 1);
    // The garbage collector removes the claim once the pod it was handed to is gone.
    await waitFor(() => !claim('data-gone-1'), 5000, 'claim of the scaled-away pod deleted');
    expect(claim('data-gone-0')).toBeDefined();
  });
});
