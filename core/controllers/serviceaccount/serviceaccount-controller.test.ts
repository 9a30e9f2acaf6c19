import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTestCluster, waitFor, type TestCluster } from '../testing/harness.js';
import { startServiceAccountController } from './serviceaccount-controller.js';

let t: TestCluster;
beforeEach(async () => {
  t = await startTestCluster();
  t.run(startServiceAccountController);
});
afterEach(() => t.stop());

const sa = (ns: string) => t.client.find('v1', 'ServiceAccount', ns, 'default');

it('gives every namespace a default ServiceAccount and recreates it when deleted', async () => {
  await waitFor(() => sa('default') && sa('kube-system'));
  await t.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
  await waitFor(() => sa('team-a'));
  const first = sa('team-a')!;
  await t.client.delete('v1', 'ServiceAccount', 'team-a', 'default');
  await waitFor(() => sa('team-a') && sa('team-a')!.metadata.uid !== first.metadata.uid);
  expect(t.client.list('v1', 'ServiceAccount', 'team-a').items.map((a) => a.metadata.name)).toEqual(['default']);
});
