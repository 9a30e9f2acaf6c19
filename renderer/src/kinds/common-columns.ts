import type { KubeObject } from '../bridge/index.js';
import { ageSortKey, formatAge } from '../util/format.js';
import type { Column } from './kind-spec.js';

export const nameColumn: Column = { id: 'name', title: 'Name', width: 'minmax(180px, 3fr)', value: (o) => o.metadata.name ?? '' };
export const namespaceColumn: Column = { id: 'namespace', title: 'Namespace', width: 'minmax(100px, 1fr)', value: (o) => o.metadata.namespace ?? '' };
export const ageColumn: Column = {
  id: 'age',
  title: 'Age',
  width: '64px',
  value: (o, now) => formatAge(o.metadata.creationTimestamp, now),
  sortKey: (o) => ageSortKey(o.metadata.creationTimestamp),
  align: 'end',
};

export function conditionTrue(o: KubeObject, type: string): boolean | undefined {
  const c = (o.status?.conditions ?? []).find((x: { type: string }) => x.type === type);
  return c ? c.status === 'True' : undefined;
}
