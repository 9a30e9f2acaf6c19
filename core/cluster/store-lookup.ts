import type { KubeObject } from '../api/types.js';
import type { ObjectLookup } from '../registry/kinds/strategies/index.js';
import { keyFor, prefixFor } from '../registry/keys.js';
import type { Registry } from '../registry/registry.js';
import type { Store } from '../store/index.js';

/** Synchronous reads of stored objects by group and kind, for the defaults that depend on them. */
export function storeLookup(store: Store, registry: Registry): ObjectLookup {
  const descriptor = (group: string, kind: string) => registry.all().find((d) => d.group === group && d.kind === kind && !d.converter);
  return {
    get(group, kind, namespace, name): KubeObject | undefined {
      const d = descriptor(group, kind);
      return d ? store.get(keyFor(d, namespace, name))?.object : undefined;
    },
    list(group, kind, namespace): KubeObject[] {
      const d = descriptor(group, kind);
      return d ? store.list(prefixFor(d, namespace)).items.map((v) => v.object) : [];
    },
  };
}
