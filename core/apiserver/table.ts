import type { KubeObject } from '../api/types.js';
import { age } from '../api/duration.js';
import type { ResourceDescriptor, TableColumn } from '../registry/descriptor.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

const NAME_COLUMN: TableColumn = { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names', priority: 0 };
const DEFAULT_COLUMNS: TableColumn[] = [NAME_COLUMN, { name: 'Created At', type: 'date', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', priority: 0 }];

export function columnsOf(d: ResourceDescriptor): TableColumn[] {
  return d.table?.columns ?? DEFAULT_COLUMNS;
}

function cellsOf(d: ResourceDescriptor, obj: KubeObject, now: number): Array<string | number | boolean | null> {
  if (d.table) return d.table.row(obj, now);
  return [obj.metadata.name ?? '', obj.metadata.creationTimestamp ?? null];
}

export function rowObject(obj: KubeObject, include: IncludeObject): KubeObject | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

export function tableRow(d: ResourceDescriptor, obj: KubeObject, include: IncludeObject, now: number): Record<string, unknown> {
  const object = rowObject(obj, include);
  return { cells: cellsOf(d, obj, now), ...(object ? { object } : {}) };
}

/** A meta.k8s.io/v1 Table: what `kubectl get` prints, computed by the server as upstream does. */
export function buildTable(
  d: ResourceDescriptor,
  objects: KubeObject[],
  opts: { include: IncludeObject; now: number; resourceVersion?: string; continue?: string; remainingItemCount?: number; noHeaders?: boolean },
): Record<string, unknown> {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {
      ...(opts.resourceVersion ? { resourceVersion: opts.resourceVersion } : {}),
      ...(opts.continue ? { continue: opts.continue } : {}),
      ...(opts.remainingItemCount !== undefined ? { remainingItemCount: opts.remainingItemCount } : {}),
    },
    ...(opts.noHeaders ? {} : { columnDefinitions: columnsOf(d).map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: c.description ?? '', priority: c.priority ?? 0 })) }),
    rows: objects.map((o) => tableRow(d, o, opts.include, opts.now)),
  };
}

export { age };
