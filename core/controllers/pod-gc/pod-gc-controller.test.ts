import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTestCluster, waitFor, type TestCluster } from '../testing/harness.js';
import { FakeClock } from '../testing/fake-clock.js';
import { createNode, setPodTerminated } from '../testing/kubelet-double.js';
import { startPodGcController } from './pod-gc-controller.js';

let t: TestCluster;
let clock: FakeClock;
beforeEach(async () => {
  clock = new FakeClock();
  t = await startTestCluster({ clock });
});
afterEach(() => t.stop());

const pod = (name: string, nodeName?: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'c', image: 'busybox' }] } });
const exists = (name: string) => !!t.client.find('v1', 'Pod', 'default', name);

it('keeps only the newest finished pods beyond the threshold', async () => {
  for (const n of ['a', 'b', 'c']) {
    const p = await t.client.create(pod(n));
    await setPodTerminated(t.client, p, 0);
    await clock.advance(1000);
  }
  t.run((ctx) => startPodGcController(ctx, { terminatedPodThreshold: 2 }));
  await waitFor(() => !exists('a'));
  expect(exists('b') && exists('c')).toBe(true);
});

it('removes pods bound to a node that is gone, after the quarantine', async () => {
  await createNode(t.client, 'alive');
  await t.client.create(pod('on-alive', 'alive'));
  await t.client.create(pod('on-ghost', 'ghost'));
  t.run((ctx) => startPodGcController(ctx));
  await t.settle();
  expect(exists('on-ghost')).toBe(true);
  await clock.advance(41_000);
  await waitFor(() => !exists('on-ghost'));
  expect(exists('on-alive')).toBe(true);
});
