import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.js';
import { printerBehaviors } from './index.js';

const NOW = Date.parse('2025-09-01T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString().replace('.000Z', 'Z');
const nodes = printerBehaviors['/Node'];

function node(labels: Record<string, string>, spec: object, status: object): KubeObject {
  return { metadata: { name: 'skiff', labels, creationTimestamp: ago(2 * 86400 + 4 * 3600) }, spec, status };
}

const info = { kubeletVersion: 'v1.34.1', osImage: 'Ubuntu 24.04.1 LTS', kernelVersion: '6.8.0-45-generic', containerRuntimeVersion: 'containerd://1.7.22' };
const addresses = [{ type: 'InternalIP', address: '192.168.1.10' }, { type: 'Hostname', address: 'skiff' }];

describe('node table', () => {
  it('prints a NotReady, cordoned control-plane node', () => {
    const n = node(
      { 'kubernetes.io/hostname': 'skiff', 'node-role.kubernetes.io/control-plane': '' },
      { unschedulable: true },
      { conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'False', reason: 'KubeletNotReady' }], addresses, nodeInfo: info },
    );
    expect(nodes.table!.row(n, NOW)).toEqual([
      'skiff',
      'NotReady,SchedulingDisabled',
      'control-plane',
      '2d4h',
      'v1.34.1',
      '192.168.1.10',
      '<none>',
      'Ubuntu 24.04.1 LTS',
      '6.8.0-45-generic',
      'containerd://1.7.22',
    ]);
    expect(nodes.fieldSelectors!['spec.unschedulable'](n)).toBe('true');
  });

  it('prints Ready, Unknown, several roles and missing node info', () => {
    const ready = node({ 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/infra': 'x', 'kubernetes.io/role': 'edge' }, {}, { conditions: [{ type: 'Ready', status: 'True' }] });
    expect(nodes.table!.row(ready, NOW).slice(1, 10)).toEqual(['Ready', 'edge,infra,worker', '2d4h', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
    expect(nodes.table!.row(node({}, {}, {}), NOW).slice(1, 3)).toEqual(['Unknown', '<none>']);
    expect(nodes.table!.row(node({}, {}, { conditions: [{ type: 'Ready', status: 'Unknown' }] }), NOW)[1]).toBe('NotReady');
    expect(nodes.fieldSelectors!['spec.unschedulable'](ready)).toBe('false');
  });
});

describe('namespace and component status tables', () => {
  it('prints the namespace phase', () => {
    const ns = { metadata: { name: 'dev', creationTimestamp: ago(90) }, status: { phase: 'Terminating' } };
    expect(printerBehaviors['/Namespace'].table!.row(ns, NOW)).toEqual(['dev', 'Terminating', '90s']);
    expect(printerBehaviors['/Namespace'].fieldSelectors!['status.phase'](ns)).toBe('Terminating');
  });

  it('prints component health', () => {
    const cs = { metadata: { name: 'etcd-0' }, conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }] };
    expect(printerBehaviors['/ComponentStatus'].table!.row(cs, NOW)).toEqual(['etcd-0', 'Healthy', 'ok', '']);
    const bad = { metadata: { name: 'scheduler' }, conditions: [{ type: 'Healthy', status: 'False', error: 'connection refused' }] };
    expect(printerBehaviors['/ComponentStatus'].table!.row(bad, NOW)).toEqual(['scheduler', 'Unhealthy', '', 'connection refused']);
  });
});
