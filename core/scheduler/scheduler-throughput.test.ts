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

it('decides and accounts 1000 pods in memory without slowing down as nodes fill', async () => {
  const { NodeCache } = await import('./node-info.js');
  const { podInfoFor, scheduleOne } = await import('./schedule-one.js');
  const { defaultFilters, defaultScores } = await import('./plugins/index.js');
  for (const nodeCount of [1, 100]) {
    const cache = new NodeCache();
    for (let n = 0; n < nodeCount; n++) {
      const status = { allocatable: { cpu: '64', memory: '256Gi', pods: '2000' }, conditions: [{ type: 'Ready', status: 'True' }] };
      cache.upsertNode({ apiVersion: 'v1', kind: 'Node', metadata: { name: `n${n}`, labels: {} }, spec: {}, status });
    }
    const timeBatch = (from: number) => {
      const start = performance.now();
      for (let i = from; i < from + 1000; i++) {
        const pod = { metadata: { name: `p${i}`, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '10m', memory: '16Mi' } }, ports: [{ containerPort: 80 }] }] } };
        const r = scheduleOne({ filters: defaultFilters, scores: defaultScores }, podInfoFor(pod), cache.nodes());
        if (r.node === undefined) throw new Error(r.message);
        cache.assume(pod, r.node);
      }
      return performance.now() - start;
    };
    const first = timeBatch(0);
    const later = timeBatch(1000);
    console.log(`scheduler (in memory, ${nodeCount} node${nodeCount > 1 ? 's' : ''}): first 1000 pods ${(1000 / (first / 1000)).toFixed(0)} decisions/s, next 1000 on fuller nodes ${(1000 / (later / 1000)).toFixed(0)} decisions/s`);
    // Accounting is incremental: the second thousand must not cost much more than the first.
    expect(later).toBeLessThan(first * 3 + 50);
  }
});
