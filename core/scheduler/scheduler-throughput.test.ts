import { afterAll, beforeAll, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.js';
import { startTestCluster, waitFor, type TestCluster } from '../controllers/testing/harness.js';
import { createNode } from '../controllers/testing/kubelet-double.js';
import { startScheduler } from './scheduler.js';

const PODS = 1000;
let t: TestCluster;

beforeAll(async () => {
  t = await startTestCluster();
});
afterAll(() => t.stop());

/** A kwok-style simulated node: every pod bound to it is reported Running at once. */
function simulateNode(name: string): { running: () => number; stop: () => void } {
  let running = 0;
  const pods = t.informers.for('v1', 'Pod');
  const stop = pods.on({
    update: (p: KubeObject, old: KubeObject) => {
      if (p.spec?.nodeName !== name || old.spec?.nodeName) return;
      void t.client.updateStatus({ ...p, status: { ...p.status, phase: 'Running', hostIP: '192.168.65.3', podIP: '10.244.0.2' } }).then(() => running++);
    },
  });
  return { running: () => running, stop };
}

it(`binds ${PODS} pods to a simulated node and reports pods/s`, async () => {
  await createNode(t.client, 'sim', { pods: PODS + 10, cpu: '64', memory: '256Gi' });
  const node = simulateNode('sim');
  const pods = t.informers.for('v1', 'Pod');
  let bound = 0;
  pods.on({ update: (p, old) => void (p.spec?.nodeName && !old.spec?.nodeName && bound++) });
  t.run((ctx) => startScheduler(ctx));
  const start = performance.now();
  const creates: Promise<unknown>[] = [];
  for (let i = 0; i < PODS; i++) {
    creates.push(
      t.client.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `load-${i}`, namespace: 'default', labels: { app: 'load' } },
        spec: { containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
      }),
    );
  }
  await Promise.all(creates);
  const created = performance.now();
  await waitFor(() => bound >= PODS, 60_000, 'all pods bound');
  const boundAt = performance.now();
  await waitFor(() => node.running() >= PODS, 60_000, 'all pods running');
  const runningAt = performance.now();
  node.stop();
  const bindRate = PODS / ((boundAt - start) / 1000);
  console.log(
    `scheduler: ${PODS} pods created in ${(created - start).toFixed(0)} ms, bound in ${(boundAt - start).toFixed(0)} ms (${bindRate.toFixed(0)} pods/s), ` +
      `reported Running by the simulated node in ${(runningAt - start).toFixed(0)} ms (${(PODS / ((runningAt - start) / 1000)).toFixed(0)} pods/s)`,
  );
  const onNode = t.client.list('v1', 'Pod', 'default').items.filter((p) => p.spec?.nodeName === 'sim');
  expect(onNode).toHaveLength(PODS);
  // Far below what it does; this fails only if binding turns quadratic or serial.
  expect(bindRate).toBeGreaterThan(100);
}, 120_000);
