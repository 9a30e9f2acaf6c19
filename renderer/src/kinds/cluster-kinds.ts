import type { KubeObject } from '../bridge/index.js';
import { formatBytes, formatCores, ageSortKey, formatAge } from '../util/format.js';
import { parseQuantity } from '../util/quantity.js';
import type { KindSpec } from './kind-spec.js';
import type { StatusText } from './tone.js';
import { ageColumn, conditionTrue, nameColumn, namespaceColumn } from './common-columns.js';

export function nodeStatus(o: KubeObject): StatusText {
  const ready = conditionTrue(o, 'Ready');
  const text = ready ? 'Ready' : ready === false ? 'NotReady' : 'Unknown';
  return { text: o.spec?.unschedulable ? `${text},SchedulingDisabled` : text, tone: ready ? 'ok' : 'bad' };
}

export const nodes: KindSpec = {
  key: 'nodes',
  title: 'Nodes',
  apiVersion: 'v1',
  kind: 'Node',
  namespaced: false,
  section: 'Cluster',
  status: nodeStatus,
  actions: [],
  columns: [
    nameColumn,
    { id: 'status', title: 'Status', width: '100px', value: (o) => nodeStatus(o).text, tone: (o) => nodeStatus(o).tone },
    { id: 'version', title: 'Version', width: '90px', value: (o) => o.status?.nodeInfo?.kubeletVersion ?? '' },
    { id: 'cpu', title: 'CPU', width: '60px', value: (o) => formatCores(parseQuantity(o.status?.capacity?.cpu)), align: 'end' },
    { id: 'memory', title: 'Memory', width: '90px', value: (o) => formatBytes(parseQuantity(o.status?.capacity?.memory)), align: 'end' },
    ageColumn,
  ],
};

export const namespaces: KindSpec = {
  key: 'namespaces',
  title: 'Namespaces',
  apiVersion: 'v1',
  kind: 'Namespace',
  namespaced: false,
  section: 'Cluster',
  status: (o) => (o.status?.phase === 'Terminating' ? { text: 'Terminating', tone: 'idle' } : { text: 'Active', tone: 'ok' }),
  actions: ['delete'],
  columns: [nameColumn, { id: 'status', title: 'Status', width: '100px', value: (o) => o.status?.phase ?? 'Active', tone: (o) => (o.status?.phase === 'Terminating' ? 'idle' : 'ok') }, ageColumn],
};

const lastSeen = (o: KubeObject) => o.lastTimestamp ?? o.eventTime ?? o.metadata.creationTimestamp;

export const events: KindSpec = {
  key: 'events',
  title: 'Events',
  apiVersion: 'v1',
  kind: 'Event',
  namespaced: true,
  section: 'Cluster',
  status: (o) => ({ text: o.type ?? 'Normal', tone: o.type === 'Warning' ? 'warn' : 'info' }),
  actions: [],
  columns: [
    { id: 'last', title: 'Last seen', width: '72px', value: (o, now) => formatAge(lastSeen(o), now), sortKey: (o) => ageSortKey(lastSeen(o)), align: 'end' },
    { id: 'type', title: 'Type', width: '72px', value: (o) => o.type ?? 'Normal', tone: (o) => (o.type === 'Warning' ? 'warn' : undefined) },
    { id: 'reason', title: 'Reason', width: 'minmax(100px, 1fr)', value: (o) => o.reason ?? '' },
    { id: 'object', title: 'Object', width: 'minmax(140px, 1.5fr)', value: (o) => `${(o.involvedObject?.kind ?? '').toLowerCase()}/${o.involvedObject?.name ?? ''}` },
    { id: 'message', title: 'Message', width: 'minmax(200px, 4fr)', value: (o) => o.message ?? o.note ?? '' },
    namespaceColumn,
    { id: 'count', title: 'Count', width: '56px', value: (o) => o.count ?? 1, align: 'end' },
  ],
};
