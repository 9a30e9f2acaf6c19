// The scheduler's binding rate: 1,000 pods created against a node whose kubelet does not run
// them (a Node object registered by hand, as kwok does). Baseline: the same 1,000 pods created
// already bound (spec.nodeName set), so the ratio isolates what scheduling adds.
import https from 'node:https';
import { fmt, report, request, runLoad, startSkiff } from './lib.mjs';

const COUNT = Number(process.env.BENCH_PODS ?? 1000);
const skiff = await startSkiff();
const agent = new https.Agent({ ...skiff.tls, keepAlive: true });
const creds = { ca: skiff.tls.ca.toString('base64'), cert: skiff.tls.cert.toString('base64'), key: skiff.tls.key.toString('base64') };
const node = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'sim-node', labels: { 'kubernetes.io/hostname': 'sim-node' } },
  status: {
    capacity: { cpu: '64', memory: '256Gi', pods: '5000' },
    allocatable: { cpu: '64', memory: '256Gi', pods: '5000' },
    conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: new Date().toISOString(), lastTransitionTime: new Date().toISOString() }],
  },
};
const made = await request(agent, skiff.port, 'POST', '/api/v1/nodes', node);
if (made.status !== 201) throw new Error(`node: ${made.body}`);
const created = JSON.parse(made.body);
await request(agent, skiff.port, 'PUT', '/api/v1/nodes/sim-node/status', { ...created, status: node.status });
for (const ns of ['sched', 'bound']) await request(agent, skiff.port, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
// Namespaces get their default ServiceAccount from a controller; wait for both.
for (const ns of ['sched', 'bound']) while ((await request(agent, skiff.port, 'GET', `/api/v1/namespaces/${ns}/serviceaccounts/default`)).status !== 200) await new Promise((r) => setTimeout(r, 20));

const pod = (nodeName) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p-__N__' }, spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '10m', memory: '8Mi' } } }] } });

async function countBound(ns) {
  const list = JSON.parse((await request(agent, skiff.port, 'GET', `/api/v1/namespaces/${ns}/pods`)).body);
  return list.items.filter((p) => p.spec.nodeName).length;
}

let t = process.hrtime.bigint();
await runLoad({ ...creds, port: skiff.port, method: 'POST', path: '/api/v1/namespaces/bound/pods', concurrency: 16, count: COUNT, body: pod('sim-node') });
const baselineS = Number(process.hrtime.bigint() - t) / 1e9;

t = process.hrtime.bigint();
await runLoad({ ...creds, port: skiff.port, method: 'POST', path: '/api/v1/namespaces/sched/pods', concurrency: 16, count: COUNT, body: pod() });
const createdS = Number(process.hrtime.bigint() - t) / 1e9;
while ((await countBound('sched')) < COUNT) await new Promise((r) => setTimeout(r, 20));
const boundS = Number(process.hrtime.bigint() - t) / 1e9;

report(`scheduler: ${COUNT} pods onto a node without a kubelet`, [
  ['baseline: create pre-bound pods s', fmt(baselineS, 2)],
  ['create unbound pods s', fmt(createdS, 2)],
  ['create and bind all s', fmt(boundS, 2)],
  ['pods/s bound (end to end)', fmt(COUNT / boundS, 0)],
  ['ratio skiff / baseline (time)', fmt(boundS / baselineS, 2)],
]);
agent.destroy();
await skiff.stop();
