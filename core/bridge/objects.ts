// Reads for the dashboard: lists, single objects and watches that survive the cluster being
// stopped and started (they say `unavailable`, then `sync` again), with bursts of changes
// batched into one message so a thousand new pods cost a few messages, not a thousand.
import type { Client } from '../client/index.js';
import type { ActiveWatch } from '../registry/watch.js';
import type { KubeObject, ObjectChange, ObjectList, ObjectQuery, ObjectRef, ObjectsEvent, ResourceTypeInfo, Unsubscribe } from './contract.js';
import type { ClusterHost } from './host.js';
import { toStatus, unavailable } from './errors.js';

/** How long changes may wait to be sent together. */
const BATCH_MS = 16;

export function runningClient(host: ClusterHost): Client {
  const c = host.current();
  if (c.state !== 'running' || !c.client) throw unavailable(`the cluster is ${c.state}; start Kubernetes first`);
  return c.client;
}

export function resourceTypes(host: ClusterHost): ResourceTypeInfo[] {
  return runningClient(host)
    .resourceTypes()
    .filter((t) => !t.virtual && !t.alternateVersion && t.verbs.includes('list'))
    .map(({ apiVersion, kind, plural, namespaced, verbs }) => ({ apiVersion, kind, plural, namespaced, verbs }));
}

function nsOf(client: Client, q: { apiVersion: string; kind: string; namespace?: string }): string | undefined {
  return client.descriptor(q.apiVersion, q.kind).namespaced && q.namespace ? q.namespace : undefined;
}

export function listObjects(host: ClusterHost, q: ObjectQuery): ObjectList {
  const client = runningClient(host);
  const out = client.list(q.apiVersion, q.kind, nsOf(client, q), { labelSelector: q.labelSelector, fieldSelector: q.fieldSelector });
  return { items: out.items, resourceVersion: out.resourceVersion };
}

export function getObject(host: ClusterHost, ref: ObjectRef): KubeObject {
  const client = runningClient(host);
  return client.get(ref.apiVersion, ref.kind, nsOf(client, ref), ref.name);
}

export function watchObjects(host: ClusterHost, q: ObjectQuery, emit: (e: ObjectsEvent) => void): Unsubscribe {
  let active: ActiveWatch | undefined;
  let pending: ObjectChange[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let mode: 'none' | 'synced' | 'unavailable' = 'none';
  let closed = false;

  const flush = () => {
    timer = undefined;
    if (!pending.length || closed) return;
    const changes = pending;
    pending = [];
    emit({ type: 'changes', changes });
  };

  const stopWatch = () => {
    active?.stop();
    active = undefined;
    if (timer) clearTimeout(timer);
    timer = undefined;
    pending = [];
  };

  const open = () => {
    if (closed) return;
    const cluster = host.current();
    if (cluster.state !== 'running') {
      stopWatch();
      if (mode !== 'unavailable') emit({ type: 'unavailable', status: toStatus(unavailable(`the cluster is ${cluster.state}`)) });
      mode = 'unavailable';
      return;
    }
    if (mode === 'synced' && active) return;
    try {
      const client = runningClient(host);
      const ns = nsOf(client, q);
      const list = client.list(q.apiVersion, q.kind, ns, { labelSelector: q.labelSelector, fieldSelector: q.fieldSelector });
      emit({ type: 'sync', items: list.items, resourceVersion: list.resourceVersion });
      mode = 'synced';
      active = client.watch(q.apiVersion, q.kind, ns, { resourceVersion: list.resourceVersion, labelSelector: q.labelSelector, fieldSelector: q.fieldSelector }, (type, object) => {
        if (type === 'BOOKMARK' || closed) return;
        pending.push({ type: type === 'ADDED' ? 'added' : type === 'DELETED' ? 'deleted' : 'modified', object });
        timer ??= setTimeout(flush, BATCH_MS);
      });
    } catch (err) {
      stopWatch();
      mode = 'unavailable';
      emit({ type: 'unavailable', status: toStatus(err) });
    }
  };

  const offHost = host.onDidChange(() => {
    const cluster = host.current();
    // Anything but `running` ends the watch; coming back re-lists from scratch, because the
    // store may have been reset while we were away.
    if (cluster.state !== 'running') open();
    else if (mode !== 'synced') open();
  });
  open();
  return () => {
    closed = true;
    offHost();
    stopWatch();
  };
}
