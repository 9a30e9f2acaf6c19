import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.js';
import { printerBehaviors } from './index.js';

const NOW = Date.parse('2025-09-01T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString().replace('.000Z', 'Z');
const row = (key: string, obj: KubeObject) => printerBehaviors[key].table!.row(obj, NOW);
const columns = (key: string) => printerBehaviors[key].table!.columns.map((c) => `${c.name}:${c.type}:${c.priority}`);

const template = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }, { name: 'metrics', image: 'prom/exporter:v1' }] },
};
const meta = (name: string) => ({ name, namespace: 'default', creationTimestamp: ago(5 * 60 + 30) });

describe('workload tables', () => {
  it('prints a deployment with two of three replicas ready', () => {
    const d = {
      metadata: meta('web'),
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
      status: { replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 },
    };
    expect(columns('apps/Deployment')).toEqual([
      'Name:string:0',
      'Ready:string:0',
      'Up-to-date:string:0',
      'Available:string:0',
      'Age:string:0',
      'Containers:string:1',
      'Images:string:1',
      'Selector:string:1',
    ]);
    expect(row('apps/Deployment', d)).toEqual(['web', '2/3', 3, 2, '5m30s', 'nginx,metrics', 'nginx:1.25,prom/exporter:v1', 'app=web']);
    // A brand-new deployment has no status yet.
    expect(row('apps/Deployment', { metadata: meta('new'), spec: { replicas: 1, selector: { matchLabels: { app: 'new' } }, template } }).slice(1, 4)).toEqual(['0/1', 0, 0]);
  });

  it('prints replica sets with integer counts and a sorted selector', () => {
    const rs = {
      metadata: meta('web-7d9f8'),
      spec: {
        replicas: 3,
        selector: { matchLabels: { 'pod-template-hash': '7d9f8', app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'edge'] }] },
        template,
      },
      status: { replicas: 3, readyReplicas: 2 },
    };
    expect(columns('apps/ReplicaSet').slice(1, 4)).toEqual(['Desired:integer:0', 'Current:integer:0', 'Ready:integer:0']);
    expect(row('apps/ReplicaSet', rs)).toEqual(['web-7d9f8', 3, 3, 2, '5m30s', 'nginx,metrics', 'nginx:1.25,prom/exporter:v1', 'app=web,pod-template-hash=7d9f8,tier in (edge,front)']);
  });

  it('prints a replication controller with its map selector', () => {
    const rc = { metadata: meta('legacy'), spec: { replicas: 2, selector: { app: 'legacy' }, template }, status: { replicas: 2, readyReplicas: 2 } };
    expect(row('/ReplicationController', rc)).toEqual(['legacy', 2, 2, 2, '5m30s', 'nginx,metrics', 'nginx:1.25,prom/exporter:v1', 'app=legacy']);
    expect(printerBehaviors['/ReplicationController'].fieldSelectors!['status.replicas'](rc)).toBe('2');
  });

  it('prints statefulsets and daemonsets', () => {
    const ss = { metadata: meta('db'), spec: { replicas: 3, selector: { matchLabels: { app: 'db' } }, template }, status: { replicas: 2, readyReplicas: 1 } };
    expect(row('apps/StatefulSet', ss)).toEqual(['db', '1/3', '5m30s', 'nginx,metrics', 'nginx:1.25,prom/exporter:v1']);
    const ds = {
      metadata: meta('agent'),
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { ...template, spec: { ...template.spec, nodeSelector: { 'kubernetes.io/os': 'linux' } } } },
      status: { desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 0, updatedNumberScheduled: 1, numberAvailable: 0 },
    };
    expect(row('apps/DaemonSet', ds)).toEqual(['agent', 1, 1, 0, 1, 0, 'kubernetes.io/os=linux', '5m30s', 'nginx,metrics', 'nginx:1.25,prom/exporter:v1', 'app=agent']);
    expect(row('apps/DaemonSet', { ...ds, spec: { selector: {}, template } })[6]).toBe('<none>');
    expect(row('apps/DaemonSet', { ...ds, spec: { selector: {}, template } })[10]).toBe('<none>');
  });

  it('names the controller of a revision as kind.group/name', () => {
    const cr = {
      metadata: { ...meta('db-5c6f'), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u1', controller: true }] },
      revision: 2,
    };
    expect(row('apps/ControllerRevision', cr)).toEqual(['db-5c6f', 'statefulset.apps/db', 2, '5m30s']);
    expect(row('apps/ControllerRevision', { metadata: meta('orphan'), revision: 1 })[1]).toBe('<none>');
  });

  it('prints pod templates without an age', () => {
    expect(row('/PodTemplate', { metadata: meta('tpl'), template })).toEqual(['tpl', 'nginx,metrics', 'nginx:1.25,prom/exporter:v1', 'app=web']);
  });
});
