// A live list of objects for a component: follows the query, shares the feed, lets go on unmount.
import { computed, onScopeDispose, shallowRef, watch, type MaybeRefOrGetter, toValue } from 'vue';
import type { KubeObject, ObjectQuery } from '../bridge/index.js';
import { useWatchStore, type Feed } from '../stores/watches.js';

export function useObjects(query: MaybeRefOrGetter<ObjectQuery | undefined>) {
  const store = useWatchStore();
  const feed = shallowRef<Feed>();
  watch(
    () => {
      const q = toValue(query);
      return q ? JSON.stringify(q) : '';
    },
    (key) => {
      const old = feed.value;
      feed.value = key ? store.acquire(JSON.parse(key) as ObjectQuery) : undefined;
      if (old) store.release(old);
    },
    { immediate: true },
  );
  onScopeDispose(() => {
    if (feed.value) store.release(feed.value);
  });
  const items = computed<KubeObject[]>(() => {
    const f = feed.value;
    if (!f) return [];
    void f.version.value;
    return [...f.items.values()];
  });
  return {
    items,
    state: computed(() => feed.value?.state.value ?? 'loading'),
    error: computed(() => feed.value?.error.value ?? ''),
  };
}
