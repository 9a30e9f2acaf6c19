import { expired, invalid } from '../api/errors.js';
import { CompactedError, type StoreEvent } from '../store/index.js';
import type { ResourceDescriptor } from './descriptor.js';
import { prefixFor } from './keys.js';
import type { ObjectAPI } from './object-api.js';
import { served, type Served } from './request-version.js';

export interface WatchParams {
  resourceVersion?: string;
  resourceVersionMatch?: string;
  sendInitialEvents?: boolean;
  allowWatchBookmarks?: boolean;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface WatchSink {
  event(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: Served): void;
  /** `initialEventsEnd` marks the end of the state sent for sendInitialEvents. */
  bookmark(resourceVersion: string, initialEventsEnd: boolean): void;
}

export interface ActiveWatch {
  stop(): void;
  /** Sends a bookmark at the newest revision this watch has covered. */
  bookmark(): void;
}

function forbidden(field: string, detail: string) {
  return invalid('ListOptions', 'meta.k8s.io', '', [{ type: 'FieldValueForbidden', field, detail }]);
}

/**
 * A watch with the semantics of a real server: RV unset or 0 starts with the current state,
 * RV=N replays what changed after N, sendInitialEvents ends the state with a bookmark.
 * Selector matches are tracked per event, so an object that stops matching is DELETED here.
 */
export function startWatch(api: ObjectAPI, d: ResourceDescriptor, namespace: string | undefined, params: WatchParams, sink: WatchSink): ActiveWatch {
  const sel = api.selection(d, params.labelSelector, params.fieldSelector);
  const store = api.store;
  if (params.sendInitialEvents !== undefined) {
    if (params.resourceVersionMatch !== 'NotOlderThan')
      throw forbidden('resourceVersionMatch', "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan");
    if (params.sendInitialEvents && !params.allowWatchBookmarks) throw forbidden('allowWatchBookmarks', 'sendInitialEvents requires setting allowWatchBookmarks=true');
  } else if (params.resourceVersionMatch) {
    throw forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided');
  }
  const rv = params.resourceVersion ?? '';
  const fromState = params.sendInitialEvents ?? (rv === '' || rv === '0');
  let lastRev: number;
  const prefix = prefixFor(d, namespace);
  const onEvent = (e: StoreEvent) => {
    lastRev = e.rev;
    const now = sel.test(e.value.object);
    if (e.type === 'ADDED') {
      if (now) sink.event('ADDED', served(d, e.value));
      return;
    }
    const before = e.prev ? sel.test(e.prev.object) : e.type === 'DELETED' ? now : now;
    if (e.type === 'DELETED') {
      if (before || now) sink.event('DELETED', served(d, e.value));
      return;
    }
    if (now && before) sink.event('MODIFIED', served(d, e.value));
    else if (now) sink.event('ADDED', served(d, e.value));
    else if (before) sink.event('DELETED', served(d, e.value));
  };
  let handle: { stop(): void };
  if (fromState) {
    const rev = store.revision();
    lastRev = rev;
    for (const v of store.list(prefix).items) if (sel.test(v.object)) sink.event('ADDED', served(d, v));
    if (params.sendInitialEvents) sink.bookmark(String(rev), true);
    handle = store.watch(prefix, rev, onEvent);
  } else {
    const from = Number(rv);
    if (!Number.isInteger(from) || from < 0) throw invalid('ListOptions', 'meta.k8s.io', '', [{ type: 'FieldValueInvalid', field: 'resourceVersion', value: rv, detail: 'must be a number' }]);
    lastRev = from;
    try {
      handle = store.watch(prefix, from, onEvent);
    } catch (err) {
      if (err instanceof CompactedError) throw expired(`too old resource version: ${err.requested} (${err.compacted})`);
      throw err;
    }
    if (lastRev < from) lastRev = from;
  }
  return {
    stop: () => handle.stop(),
    bookmark: () => sink.bookmark(String(Math.max(lastRev, store.revision())), false),
  };
}
