import { afterEach, beforeEach, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.js';
import { startScheduler } from '../scheduler/index.js';
import { startTestCluster, waitFor, type TestCluster } from './testing/harness.js';
import { createNode, finishTerminatingPods, setPodRunning, setPodTerminated } from './testing/kubelet-double.js';
import { createWorkloadControllers } from './index.js';

let t: TestCluster;
beforeEach(async () => {
  t = await startTestCluster();
  finishTerminatingPods(t.client, t.informers);
  // A kubelet double: pods bound to the node start and become ready; Job pods run to completion.
  t.informers.for('v1', 'Pod').on({
    update: (p: KubeObject, old: KubeObject) => {
      if (!p.spec?.nodeName || old.spec?.nodeName) return;
      void (p.metadata.labels?.['job-name'] ? setPodTerminated(t.client, p, 0) : setPodRunning(t.client, p));
    },
  });
  await createNode(t.client, 'skiff');
  t.run(...createWorkloadControllers({ apiServerEndpoint: { ip: '192.168.65.3', port: 6443 } }), (ctx) => startScheduler(ctx));
});
afterEach(() => t.stop());

it('runs a Deployment behind a Service and a Job to completion with every controller and the scheduler', async () => {
  await t.client.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: 80 }] }] } } },
  });
  await t.client.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  await t.client.create({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'once', namespace: 'default' },
    spec: { ttlSecondsAfterFinished: 3600, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
  });
  const available = (d: KubeObject) => (d.status?.conditions ?? []).some((c: { type: string; reason: string }) => c.type === 'Progressing' && c.reason === 'NewReplicaSetAvailable');
  await waitFor(() => available(t.client.get('apps/v1', 'Deployment', 'default', 'web')), 10_000, 'deployment available');
  await waitFor(() => t.client.find('v1', 'Endpoints', 'default', 'web')?.subsets?.[0]?.addresses?.length === 2);
  await waitFor(() => (t.client.get('batch/v1', 'Job', 'default', 'once').status?.conditions ?? []).some((c: { type: string }) => c.type === 'Complete'), 10_000, 'job complete');
  expect(t.client.find('v1', 'ServiceAccount', 'default', 'default')).toBeDefined();
  expect(t.client.find('v1', 'Endpoints', 'default', 'kubernetes')?.subsets?.[0]?.ports?.[0]?.port).toBe(6443);
});
