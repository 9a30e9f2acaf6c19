import { describe, expect, it } from 'vitest';
import { builtinDescriptors } from '../index.js';
import { catalogDescriptors } from '../catalog.js';
import { printerBehaviors } from './index.js';

const NOW = Date.parse('2025-09-01T12:00:00Z');
const keyOf = (d: { group: string; kind: string }) => `${d.group}/${d.kind}`;

describe('printerBehaviors', () => {
  it('covers every listable built-in kind and names no unknown kind', () => {
    const catalog = catalogDescriptors();
    const listable = catalog.filter((d) => !d.verbs || d.verbs.includes('list')).map(keyOf);
    expect(listable.filter((k) => !printerBehaviors[k]?.table)).toEqual([]);
    const known = new Set(catalog.map(keyOf));
    expect(Object.keys(printerBehaviors).filter((k) => !known.has(k))).toEqual([]);
  });

  it('prints one cell per column even for a bare object', () => {
    for (const [key, b] of Object.entries(printerBehaviors)) {
      const cells = b.table!.row({ metadata: { name: 'x' } }, NOW);
      // Upstream's IP address printer emits an age cell it declares no column for.
      const extra = key === 'networking.k8s.io/IPAddress' ? 1 : 0;
      expect(cells.length, key).toBe(b.table!.columns.length + extra);
      expect(cells[b.table!.columns.findIndex((c) => c.format === 'name' && c.name === 'Name')], key).toBe('x');
      for (const [label, read] of Object.entries(b.fieldSelectors ?? {})) expect(['string', 'undefined'], `${key} ${label}`).toContain(typeof read({ metadata: {} }));
    }
  });

  it('merges into the catalog without losing the namespace phase selector', () => {
    const ns = builtinDescriptors(printerBehaviors).find((d) => d.kind === 'Namespace')!;
    expect(ns.table?.columns.map((c) => c.name)).toEqual(['Name', 'Status', 'Age']);
    expect(ns.fieldSelectors?.['status.phase']({ metadata: {}, status: { phase: 'Active' } })).toBe('Active');
    expect(ns.beforeDelete).toBeTypeOf('function');
  });

  it('reproduces the recorded pod row kubectl accepted', () => {
    const pods = builtinDescriptors(printerBehaviors).find((d) => d.kind === 'Pod' && d.group === '')!;
    const pod = {
      metadata: { name: 'p1', namespace: 'default', creationTimestamp: '2025-09-01T11:59:58Z' },
      spec: { nodeName: 'fake-node', containers: [{ name: 'p1', image: 'nginx' }] },
      status: { phase: 'Running', podIP: '10.244.0.106', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'p1', ready: true, restartCount: 0, state: { running: {} } }] },
    };
    expect(pods.table!.row(pod, NOW)).toEqual(['p1', '1/1', 'Running', '0', '2s', '10.244.0.106', 'fake-node', '<none>', '<none>']);
  });
});
