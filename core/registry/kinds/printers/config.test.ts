import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.js';
import { printerBehaviors } from './index.js';

const NOW = Date.parse('2025-09-01T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString().replace('.000Z', 'Z');
const row = (key: string, obj: KubeObject) => printerBehaviors[key].table!.row(obj, NOW);
const meta = (name: string) => ({ name, namespace: 'default', creationTimestamp: ago(40 * 86400) });

describe('configuration tables', () => {
  it('counts config map and secret entries', () => {
    expect(row('/ConfigMap', { metadata: meta('kube-root-ca.crt'), data: { 'ca.crt': 'x' }, binaryData: { blob: 'eA==' } })).toEqual(['kube-root-ca.crt', 2, '40d']);
    const secret = { metadata: meta('tls'), type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==', 'tls.key': 'eA==' }, stringData: { 'tls.key': 'x', extra: 'y' } };
    expect(row('/Secret', secret)).toEqual(['tls', 'kubernetes.io/tls', 3, '40d']);
    expect(printerBehaviors['/Secret'].fieldSelectors!.type(secret)).toBe('kubernetes.io/tls');
    expect(row('/Secret', { metadata: meta('empty') })).toEqual(['empty', 'Opaque', 0, '40d']);
  });

  it('prints service accounts with their secret count', () => {
    expect(printerBehaviors['/ServiceAccount'].table!.columns.map((c) => c.name)).toEqual(['Name', 'Secrets', 'Age']);
    expect(row('/ServiceAccount', { metadata: meta('default') })).toEqual(['default', 0, '40d']);
  });

  it('splits quota usage into requests and limits', () => {
    const rq = {
      metadata: meta('compute'),
      status: {
        hard: { 'limits.memory': '2Gi', pods: '10', 'requests.cpu': '1', 'limits.cpu': '2', 'requests.memory': '1024Mi' },
        used: { pods: '2', 'requests.cpu': '250m', 'limits.cpu': '500m', 'requests.memory': '268435456' },
      },
    };
    expect(printerBehaviors['/ResourceQuota'].table!.columns.map((c) => c.name)).toEqual(['Name', 'Request', 'Limit', 'Age']);
    expect(row('/ResourceQuota', rq)).toEqual(['compute', 'pods: 2/10, requests.cpu: 250m/1, requests.memory: 268435456/1Gi', 'limits.cpu: 500m/2, limits.memory: 0/2Gi', '40d']);
  });

  it('keeps the generic table for limit ranges', () => {
    expect(row('/LimitRange', { metadata: { name: 'defaults', creationTimestamp: '2025-08-01T09:30:00Z' } })).toEqual(['defaults', '2025-08-01T09:30:00Z']);
  });
});
