import type { ResourceDescriptor } from '../descriptor.js';

/** What a kind adds to its catalog entry: policy, printing, selectors, subresources. */
export type KindBehavior = Partial<Omit<ResourceDescriptor, 'group' | 'version' | 'kind' | 'plural' | 'singular' | 'listKind' | 'namespaced'>>;

/** Keyed `group/Kind` (`/Pod` for the core group). */
export type BehaviorTable = Record<string, KindBehavior>;

export function mergeSubresources(base: ResourceDescriptor['subresources'], extra: ResourceDescriptor['subresources']): ResourceDescriptor['subresources'] {
  if (!extra) return base;
  return {
    ...base,
    ...extra,
    extra: [...new Set([...(base?.extra ?? []), ...(extra.extra ?? [])])],
    fieldPaths: { ...base?.fieldPaths, ...extra.fieldPaths },
  };
}
