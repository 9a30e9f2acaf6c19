import type { KubeObject } from '../bridge/index.js';
import type { KindSpec } from './kind-spec.js';
import { ageColumn, nameColumn, namespaceColumn } from './common-columns.js';

function ports(o: KubeObject): string {
  return (o.spec?.ports ?? []).map((p: { port: number; nodePort?: number; protocol?: string }) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

export const services: KindSpec = {
  key: 'services',
  title: 'Services',
  apiVersion: 'v1',
  kind: 'Service',
  namespaced: true,
  section: 'Network',
  actions: ['delete'],
  columns: [
    nameColumn,
    namespaceColumn,
    { id: 'type', title: 'Type', width: '100px', value: (o) => o.spec?.type ?? 'ClusterIP' },
    { id: 'clusterip', title: 'Cluster IP', width: '110px', value: (o) => o.spec?.clusterIP ?? '' },
    { id: 'external', title: 'External IP', width: '110px', value: (o) => (o.status?.loadBalancer?.ingress ?? []).map((i: { ip?: string; hostname?: string }) => i.ip ?? i.hostname).join(',') },
    { id: 'ports', title: 'Ports', width: 'minmax(100px, 1fr)', value: ports },
    ageColumn,
  ],
};

const keys = (o: KubeObject) => Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length;

export const configmaps: KindSpec = {
  key: 'configmaps',
  title: 'ConfigMaps',
  apiVersion: 'v1',
  kind: 'ConfigMap',
  namespaced: true,
  section: 'Configuration',
  actions: ['delete'],
  columns: [nameColumn, namespaceColumn, { id: 'data', title: 'Data', width: '60px', value: keys, align: 'end' }, ageColumn],
};

export const secrets: KindSpec = {
  key: 'secrets',
  title: 'Secrets',
  apiVersion: 'v1',
  kind: 'Secret',
  namespaced: true,
  section: 'Configuration',
  actions: ['delete'],
  columns: [nameColumn, namespaceColumn, { id: 'type', title: 'Type', width: 'minmax(140px, 1.5fr)', value: (o) => o.type ?? 'Opaque' }, { id: 'data', title: 'Data', width: '60px', value: keys, align: 'end' }, ageColumn],
};
