import { afterEach, beforeEach, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { startTestCluster, waitFor, type TestCluster } from '../testing/harness.js';
import { setPodRunning } from '../testing/kubelet-double.js';
import { startEndpointsController } from './endpoints-controller.js';

let t: TestCluster;
beforeEach(async () => {
  t = await startTestCluster();
  t.run((ctx) => startEndpointsController(ctx, { apiServerEndpoint: { ip: '192.168.65.3', port: 6443 } }));
});
afterEach(() => t.stop());

function pod(name: string, labels: Record<string, string>, ports: unknown[] = [{ name: 'http', containerPort: 8080 }]): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { nodeName: 'skiff', containers: [{ name: 'app', image: 'nginx', ports }] } };
}
const ep = (name: string) => t.client.find('v1', 'Endpoints', 'default', name);

it('lists ready and not-ready pod addresses with ports resolved by name', async () => {
  await t.client.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', labels: { tier: 'front' } }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
  const a = await t.client.create(pod('a', { app: 'web' }));
  const b = await t.client.create(pod('b', { app: 'web' }));
  await t.client.create(pod('other', { app: 'other' }));
  await setPodRunning(t.client, a, { ip: '10.244.0.5' });
  await setPodRunning(t.client, b, { ready: false, ip: '10.244.0.6' });
  await waitFor(() => ep('web')?.subsets?.[0]?.notReadyAddresses);
  expect(ep('web')!.metadata.labels).toEqual({ tier: 'front' });
  expect(ep('web')!.subsets).toEqual([
    {
      addresses: [{ ip: '10.244.0.5', nodeName: 'skiff', targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: a.metadata.uid } }],
      notReadyAddresses: [{ ip: '10.244.0.6', nodeName: 'skiff', targetRef: { kind: 'Pod', namespace: 'default', name: 'b', uid: b.metadata.uid } }],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    },
  ]);
  await t.client.delete('v1', 'Pod', 'default', 'a', { gracePeriodSeconds: 0 });
  await waitFor(() => !ep('web')!.subsets?.[0]?.addresses);
  await t.client.delete('v1', 'Service', 'default', 'web');
  await waitFor(() => !ep('web'));
});

it('points default/kubernetes at the API server', async () => {
  await waitFor(() => ep('kubernetes'));
  expect(ep('kubernetes')!.subsets).toEqual([{ addresses: [{ ip: '192.168.65.3' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
  const slice = await waitFor(() => t.client.find('discovery.k8s.io/v1', 'EndpointSlice', 'default', 'kubernetes'));
  expect(slice).toMatchObject({ addressType: 'IPv4', endpoints: [{ addresses: ['192.168.65.3'], conditions: { ready: true } }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] });
});
