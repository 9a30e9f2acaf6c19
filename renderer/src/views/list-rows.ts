// Filtering and sorting a list view's rows, kept out of the component so it is tested alone.
import type { KubeObject } from '../bridge/index.js';
import type { Column, KindSpec } from '../kinds/index.js';

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export function filterRows(items: KubeObject[], spec: KindSpec, text: string, now: number, opts: { hideSystem: boolean }): KubeObject[] {
  const needle = text.trim().toLowerCase();
  return items.filter((o) => {
    if (opts.hideSystem && spec.namespaced && SYSTEM_NAMESPACES.has(o.metadata.namespace ?? '')) return false;
    if (!needle) return true;
    if ((o.metadata.name ?? '').toLowerCase().includes(needle)) return true;
    return spec.columns.some((c) => String(c.value(o, now)).toLowerCase().includes(needle));
  });
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function sortRows(rows: KubeObject[], column: Column, desc: boolean): KubeObject[] {
  const key = column.sortKey ?? ((o: KubeObject) => column.value(o, 0));
  const keyed = rows.map((o) => ({ o, k: key(o) }));
  keyed.sort((a, b) => {
    const r = typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : collator.compare(String(a.k), String(b.k));
    return (desc ? -r : r) || collator.compare(a.o.metadata.name ?? '', b.o.metadata.name ?? '');
  });
  return keyed.map((x) => x.o);
}
