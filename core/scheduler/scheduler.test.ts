import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.js';
import { startTestCluster, waitFor, type TestCluster } from '../controllers/testing/harness.js';
import { createNode } from '../controllers/testing/kubelet-double.js';
import { startScheduler } from './scheduler.js';

let t: TestCluster;

beforeEach(async () => {
  t = await startTestCluster();
  t.run((ctx) => startScheduler(ctx, { initialBackoffMs: 10, maxBackoffMs: 50 }));
});
afterEach(() => t.stop());

function pod(name: string, spec: Record<string, unknown> = {}, cpu?: string): KubeObject {
  const container = { name: 'app', image: 'nginx', ...(cpu ? { resources: { requests: { cpu } } } : {}) };
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [container], ...spec } };
}

const nodeOf = (name: string) => t.client.find('v1', 'Pod', 'default', name)?.spec?.nodeName;

function scheduledCondition(name: string) {
  return (t.client.find('v1', 'Pod', 'default', name)?.status?.conditions ?? []).find((c: { type: string }) => c.type === 'PodScheduled');
}

async function unschedulableMessage(name: string): Promise<string> {
  const c = await waitFor(() => {
    const cond = scheduledCondition(name);
    return cond?.status === 'False' ? cond : undefined;
  });
  expect(c.reason).toBe('Unschedulable');
  return c.message;
}

function events(name: string, reason: string) {
  return t.client.list('v1', 'Event', 'default').items.filter((e) => e.involvedObject?.name === name && e.reason === reason);
}

describe('scheduler', () => {
  it('binds a pod that fits and records a Scheduled event', async () => {
    await createNode(t.client, 'skiff');
    await t.client.create(pod('web', {}, '500m'));
    await waitFor(() => nodeOf('web') === 'skiff', 3000, 'binding');
    expect(scheduledCondition('web')?.status).toBe('True');
    const ev = await waitFor(() => events('web', 'Scheduled')[0]);
    expect(ev.type).toBe('Normal');
    expect(ev.message).toBe('Successfully assigned default/web to skiff');
    expect(ev.source.component).toBe('default-scheduler');
  });

  it('leaves a pod that fits nowhere Pending with upstream’s message and a FailedScheduling event', async () => {
    await createNode(t.client, 'skiff', { cpu: '2' });
    await t.client.create(pod('big', {}, '3'));
    const msg = await unschedulableMessage('big');
    expect(msg).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
    const ev = await waitFor(() => events('big', 'FailedScheduling')[0]);
    expect(ev.type).toBe('Warning');
    expect(ev.message).toBe(msg);
    expect(nodeOf('big')).toBeUndefined();
  });

  it('counts the requests of pods already on the node and retries when one goes', async () => {
    await createNode(t.client, 'skiff', { cpu: '2' });
    await t.client.create(pod('first', {}, '1500m'));
    await waitFor(() => nodeOf('first'));
    await t.client.create(pod('second', {}, '1'));
    await unschedulableMessage('second');
    await t.client.delete('v1', 'Pod', 'default', 'first', { gracePeriodSeconds: 0 });
    await waitFor(() => nodeOf('second') === 'skiff', 3000, 'retry after the node freed up');
  });

  it('reports too many pods', async () => {
    await createNode(t.client, 'skiff', { pods: 1 });
    await t.client.create(pod('a'));
    await waitFor(() => nodeOf('a'));
    await t.client.create(pod('b'));
    expect(await unschedulableMessage('b')).toBe('0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
  });

  it('keeps pods off tainted nodes unless they tolerate the taint', async () => {
    await createNode(t.client, 'skiff', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    await t.client.create(pod('plain'));
    expect(await unschedulableMessage('plain')).toBe(
      '0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
    await t.client.create(pod('tolerant', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }));
    await waitFor(() => nodeOf('tolerant') === 'skiff');
    await t.client.create(pod('exists', { tolerations: [{ operator: 'Exists' }] }));
    await waitFor(() => nodeOf('exists') === 'skiff');
    // PreferNoSchedule only scores.
    await createNode(t.client, 'soft', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] });
    await t.client.create(pod('soft-ok'));
    await waitFor(() => nodeOf('soft-ok') === 'soft');
  });

  it('keeps pods off NotReady and cordoned nodes', async () => {
    await createNode(t.client, 'sick', { ready: false });
    await t.client.create(pod('p'));
    expect(await unschedulableMessage('p')).toContain('1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }');
    await t.client.create(pod('tolerates', { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }] }));
    await waitFor(() => nodeOf('tolerates') === 'sick');
    await createNode(t.client, 'cordoned', { unschedulable: true });
    await t.client.create(pod('q', { nodeSelector: { 'kubernetes.io/hostname': 'cordoned' } }));
    const msg = await unschedulableMessage('q');
    // Filters stop at the first failure per node, in upstream's order: taints before affinity.
    expect(msg).toBe(
      '0/2 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });

  it('honours nodeSelector, required affinity (In, NotIn, Gt, matchFields) and preferred affinity', async () => {
    await createNode(t.client, 'a', { labels: { zone: 'a', gen: '3' } });
    await createNode(t.client, 'b', { labels: { zone: 'b', gen: '5' } });
    await t.client.create(pod('sel', { nodeSelector: { zone: 'b' } }));
    const req = (exprs: unknown[], fields: unknown[] = []) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: exprs, matchFields: fields }] } } } });
    await t.client.create(pod('notin', req([{ key: 'zone', operator: 'NotIn', values: ['b'] }])));
    await t.client.create(pod('gt', req([{ key: 'gen', operator: 'Gt', values: ['4'] }])));
    await t.client.create(pod('field', req([], [{ key: 'metadata.name', operator: 'In', values: ['a'] }])));
    await t.client.create(pod('none', req([{ key: 'zone', operator: 'In', values: ['c'] }])));
    await t.client.create(
      pod('pref', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } }] } } }),
    );
    await waitFor(() => nodeOf('sel') && nodeOf('notin') && nodeOf('gt') && nodeOf('field') && nodeOf('pref'));
    expect([nodeOf('sel'), nodeOf('notin'), nodeOf('gt'), nodeOf('field'), nodeOf('pref')]).toEqual(['b', 'a', 'b', 'a', 'a']);
    expect(await unschedulableMessage('none')).toBe(
      "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
  });

  it('refuses a host port already taken on the node', async () => {
    await createNode(t.client, 'skiff');
    const withPort = (hostPort: number, protocol = 'TCP') => ({ containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: 80, hostPort, protocol }] }] });
    await t.client.create(pod('one', withPort(8080)));
    await waitFor(() => nodeOf('one'));
    await t.client.create(pod('two', withPort(8080)));
    expect(await unschedulableMessage('two')).toBe(
      "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    );
    await t.client.create(pod('udp', withPort(8080, 'UDP')));
    await waitFor(() => nodeOf('udp') === 'skiff');
    await t.client.delete('v1', 'Pod', 'default', 'one', { gracePeriodSeconds: 0 });
    await waitFor(() => nodeOf('two') === 'skiff', 3000, 'port freed');
  });

  it('waits for a node to appear', async () => {
    await t.client.create(pod('early'));
    expect(await unschedulableMessage('early')).toBe('no nodes available to schedule pods');
    await createNode(t.client, 'late');
    await waitFor(() => nodeOf('early') === 'late');
  });

  it('ignores pods for another scheduler', async () => {
    await createNode(t.client, 'skiff');
    await t.client.create(pod('other', { schedulerName: 'my-scheduler' }));
    await t.client.create(pod('mine'));
    await waitFor(() => nodeOf('mine'));
    await t.settle();
    expect(nodeOf('other')).toBeUndefined();
  });
});
