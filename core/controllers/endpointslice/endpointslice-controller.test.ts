import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTestCluster, waitFor, type TestCluster } from '../testing/harness.js';
import { setPodRunning } from '../testing/kubelet-double.js';
import { startEndpointSliceController } from './endpointslice-controller.js';

let t: TestCluster;
beforeEach(async () => {
  t = await startTestCluster();
  t.run(startEndpointSliceController);
});
afterEach(() => t.stop());

const slices = (svc: string) => t.client.list('discovery.k8s.io/v1', 'EndpointSlice', 'default').items.filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc);

it('keeps an EndpointSlice per Service, owned by it and labelled as upstream does', async () => {
  const svc = await t.client.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } });
  await waitFor(() => slices('web').length === 1);
  const placeholder = slices('web')[0];
  expect(placeholder.metadata.name).toMatch(/^web-/);
  expect(placeholder.metadata.labels).toEqual({ 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
  expect(placeholder.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
  const p = await t.client.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'default', labels: { app: 'web' } }, spec: { nodeName: 'skiff', containers: [{ name: 'app', image: 'nginx' }] } });
  await setPodRunning(t.client, p, { ip: '10.244.0.9' });
  await waitFor(() => slices('web')[0]?.endpoints?.length === 1);
  const [slice] = slices('web');
  expect(slice.metadata.name).toBe(placeholder.metadata.name);
  expect(slice).toMatchObject({
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.244.0.9'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'skiff', targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: p.metadata.uid } }],
    ports: [{ name: '', port: 8080, protocol: 'TCP' }],
  });
  await setPodRunning(t.client, p, { ready: false });
  await waitFor(() => slices('web')[0]?.endpoints?.[0]?.conditions?.ready === false);
  expect(slices('web')[0].endpoints[0].conditions).toEqual({ ready: false, serving: false, terminating: false });
});
