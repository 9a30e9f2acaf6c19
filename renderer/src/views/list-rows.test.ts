import { describe, expect, it } from 'vitest';
import { KINDS } from '../kinds/index.js';
import { filterRows, sortRows } from './list-rows.js';
import { countByStatus, latestWarnings } from './overview-counts.js';
import { ownedBy } from '../components/detail/related.js';

const pods = KINDS.find((k) => k.key === 'pods')!;
const pod = (name: string, ns: string, restarts = 0, phase = 'Running') => ({
  metadata: { name, namespace: ns, uid: name, creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: { containers: [{ name: 'c' }] },
  status: { phase, containerStatuses: [{ name: 'c', ready: phase === 'Running', restartCount: restarts, state: phase === 'Running' ? { running: {} } : { waiting: { reason: 'CrashLoopBackOff' } } }] },
});

describe('list rows', () => {
  const items = [pod('web-2', 'default', 3), pod('web-10', 'default'), pod('coredns', 'kube-system'), pod('api', 'shop', 1, 'Pending')];
  it('filters by text over every column and hides system namespaces on request', () => {
    expect(filterRows(items, pods, 'web', 0, { hideSystem: false }).map((o) => o.metadata.name)).toEqual(['web-2', 'web-10']);
    expect(filterRows(items, pods, 'crashloop', 0, { hideSystem: false }).map((o) => o.metadata.name)).toEqual(['api']);
    expect(filterRows(items, pods, '', 0, { hideSystem: true }).map((o) => o.metadata.name)).not.toContain('coredns');
  });
  it('sorts naturally and numerically, either way', () => {
    const byName = pods.columns.find((c) => c.id === 'name')!;
    expect(sortRows(items, byName, false).map((o) => o.metadata.name)).toEqual(['api', 'coredns', 'web-2', 'web-10']);
    const byRestarts = pods.columns.find((c) => c.id === 'restarts')!;
    expect(sortRows(items, byRestarts, true).map((o) => o.metadata.name)[0]).toBe('web-2');
  });
  it('counts workloads by state, worst first', () => {
    expect(countByStatus(items, pods)).toEqual([
      { text: 'CrashLoopBackOff', tone: 'bad', n: 1 },
      { text: 'Running', tone: 'ok', n: 3 },
    ]);
  });
  it('picks the latest warnings', () => {
    const ev = (name: string, type: string, at: string) => ({ metadata: { name }, type, lastTimestamp: at });
    expect(latestWarnings([ev('a', 'Warning', '2026-01-01T00:00:00Z'), ev('b', 'Normal', '2026-01-03T00:00:00Z'), ev('c', 'Warning', '2026-01-02T00:00:00Z')], 5).map((e) => e.metadata.name)).toEqual(['c', 'a']);
  });
});

describe('related objects', () => {
  it('follows owners two levels down, and a Service’s selector', () => {
    const dep = { kind: 'Deployment', metadata: { name: 'd', uid: 'D' } };
    const rs = { kind: 'ReplicaSet', metadata: { name: 'rs', uid: 'RS', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: 'D' }] } };
    const p = { kind: 'Pod', metadata: { name: 'p', uid: 'P', labels: { app: 'x' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'RS' }] } };
    const other = { kind: 'Pod', metadata: { name: 'q', uid: 'Q' } };
    expect(ownedBy(dep, [p, other, rs]).map((o) => o.metadata.name)).toEqual(['rs', 'p']);
    expect(ownedBy({ kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'x' } } }, [p, other]).map((o) => o.metadata.name)).toEqual(['p']);
  });
});
