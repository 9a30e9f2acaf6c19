import type { KubeObject } from '../../../api/types.js';
import { age } from '../../../api/duration.js';
import type { TableColumn, TablePrinter } from '../../descriptor.js';

export type Cell = string | number | boolean | null;

type ColumnOptions = Partial<Pick<TableColumn, 'type' | 'format' | 'priority'>>;

/** A column as upstream declares it: a string column unless said otherwise. */
export function column(name: string, description: string, options: ColumnOptions = {}): TableColumn {
  return { name, type: options.type ?? 'string', ...(options.format ? { format: options.format } : {}), description, priority: options.priority ?? 0 };
}

/** Only printed by `kubectl get -o wide`; the server still fills the cell. */
export function wide(name: string, description: string, options: ColumnOptions = {}): TableColumn {
  return column(name, description, { ...options, priority: 1 });
}

export const nameColumn = column('Name', 'The unique name of the object in its scope.', { format: 'name' });
export const ageColumn = column('Age', 'How long ago the object was created.');

// The API server always prints with Wide on, so every printer returns every cell and
// kubectl hides the priority-1 columns itself.
export function printer(columns: TableColumn[], row: (obj: KubeObject, now: number) => Cell[]): TablePrinter {
  return { columns, row };
}

export function nameOf(obj: KubeObject): string {
  return obj.metadata.name ?? '';
}

export function ageOf(obj: KubeObject, now: number): string {
  return age(obj.metadata.creationTimestamp, now);
}

/**
 * Kinds whose upstream store keeps the generic table: name and the creation time as
 * RFC 3339, which kubectl renders as CREATED AT.
 */
export const createdAtPrinter = printer(
  [nameColumn, column('Created At', 'When the object was created.', { type: 'date' })],
  (obj) => [nameOf(obj), rfc3339(obj.metadata.creationTimestamp)],
);

function rfc3339(ts: string | null | undefined): string {
  const t = ts ? Date.parse(ts) : NaN;
  // Go prints the zero time for an unset timestamp.
  return Number.isNaN(t) ? '0001-01-01T00:00:00Z' : new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
