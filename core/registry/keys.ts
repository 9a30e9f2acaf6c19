import type { ResourceDescriptor } from './descriptor.js';

/** Storage keys: `/group/resource/namespace/name`, so a prefix lists a resource or one namespace of it. */
export function keyFor(d: Pick<ResourceDescriptor, 'group' | 'plural' | 'namespaced'>, namespace: string | undefined, name: string): string {
  const g = d.group || 'core';
  return d.namespaced ? `/${g}/${d.plural}/${namespace}/${name}` : `/${g}/${d.plural}/${name}`;
}

export function prefixFor(d: Pick<ResourceDescriptor, 'group' | 'plural' | 'namespaced'>, namespace?: string): string {
  const g = d.group || 'core';
  return d.namespaced && namespace ? `/${g}/${d.plural}/${namespace}/` : `/${g}/${d.plural}/`;
}
