// One live feed per kind and namespace, shared by every view that shows it: the first user
// opens the bridge watch, the last one to leave closes it. Objects are kept raw (not deeply
// reactive) and a version counter says when the set changed, so thousands of pods cost one
// Map, not thousands of proxies.
import { defineStore } from 'pinia';
import { markRaw, shallowRef, type ShallowRef } from 'vue';
import { useBridge, type KubeObject, type ObjectQuery, type Unsubscribe } from '../bridge/index.js';

export interface Feed {
  key: string;
  query: ObjectQuery;
  items: Map<string, KubeObject>;
  version: ShallowRef<number>;
  state: ShallowRef<'loading' | 'ready' | 'unavailable'>;
  error: ShallowRef<string>;
  users: number;
  off?: Unsubscribe;
}

export function feedKey(q: ObjectQuery): string {
  return [q.apiVersion, q.kind, q.namespace ?? '', q.labelSelector ?? '', q.fieldSelector ?? ''].join('|');
}

export function objectKey(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

export const useWatchStore = defineStore('watches', () => {
  const feeds = new Map<string, Feed>();

  function acquire(query: ObjectQuery): Feed {
    const key = feedKey(query);
    let feed = feeds.get(key);
    if (!feed) {
      const f: Feed = markRaw({ key, query, items: new Map(), version: shallowRef(0), state: shallowRef('loading'), error: shallowRef(''), users: 0 });
      f.off = useBridge().onDidChangeObjects(query, (e) => {
        if (e.type === 'sync') {
          f.items.clear();
          for (const o of e.items) f.items.set(objectKey(o), o);
          f.state.value = 'ready';
          f.error.value = '';
        } else if (e.type === 'changes') {
          for (const c of e.changes) {
            if (c.type === 'deleted') f.items.delete(objectKey(c.object));
            else f.items.set(objectKey(c.object), c.object);
          }
        } else {
          f.state.value = 'unavailable';
          f.error.value = e.status.message ?? 'unavailable';
        }
        f.version.value++;
      });
      feeds.set(key, f);
      feed = f;
    }
    feed.users++;
    return feed;
  }

  function release(feed: Feed): void {
    feed.users--;
    if (feed.users > 0) return;
    // A moment's grace: moving between views that share a feed should not re-list.
    setTimeout(() => {
      if (feed.users > 0 || feeds.get(feed.key) !== feed) return;
      feed.off?.();
      feeds.delete(feed.key);
    }, 2000);
  }

  return { acquire, release };
});
