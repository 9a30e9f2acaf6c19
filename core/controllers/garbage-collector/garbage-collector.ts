import { isConflict, isNotFound, runController, WorkQueue, type Informer, type RunningController } from '../../client/index.js';
import type { KubeObject } from '../../api/types.js';
import type { ControllerContext } from '../types.js';
import { OwnerGraph } from './owner-graph.js';

/**
 * Deletes objects whose owners are gone (background), deletes dependents first when an owner
 * is deleted in the foreground, and strips owner references when an owner is orphaning.
 * Keys in its queue are uids.
 */
export function startGarbageCollector(ctx: ControllerContext): RunningController {
  const queue = new WorkQueue({ clock: ctx.clock });
  const client = ctx.client.as('generic-garbage-collector');
  const graph = new OwnerGraph();
  const watched = new Set<string>();

  const track = (inf: Informer) => {
    inf.on({
      add: (obj) => {
        graph.upsert(obj, inf);
        if (obj.metadata.ownerReferences?.length) queue.add(obj.metadata.uid!);
        if (obj.metadata.deletionTimestamp) queue.add(obj.metadata.uid!);
      },
      update: (obj, old) => {
        graph.upsert(obj, inf, old);
        if (obj.metadata.deletionTimestamp || JSON.stringify(obj.metadata.ownerReferences) !== JSON.stringify(old.metadata.ownerReferences)) queue.add(obj.metadata.uid!);
      },
      delete: (obj) => {
        const deps = graph.dependentsOf(obj.metadata.uid!);
        graph.remove(obj);
        for (const d of deps) queue.add(d.obj.metadata.uid!);
      },
    });
  };
  const watchAll = () => {
    for (const t of client.resourceTypes()) {
      if (t.virtual || t.alternateVersion || !t.verbs.includes('watch')) continue;
      const group = t.apiVersion.includes('/') ? t.apiVersion.split('/')[0] : '';
      const key = `${group}/${t.kind}`;
      if (watched.has(key)) continue;
      watched.add(key);
      const inf = ctx.informers.for(t.apiVersion, t.kind);
      track(inf);
      inf.start();
    }
  };
  watchAll();
  const unsubscribe = client.onResourceTypesChanged(watchAll);

  const deleteObj = async (obj: KubeObject, inf: Informer, policy: 'Background' | 'Foreground') => {
    try {
      await client.delete(inf.apiVersion, inf.kind, obj.metadata.namespace, obj.metadata.name!, { propagationPolicy: policy, preconditions: { uid: obj.metadata.uid } });
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  };

  const removeFinalizer = async (obj: KubeObject, inf: Informer, finalizer: string) => {
    const fresh = inf.get(obj.metadata.namespace, obj.metadata.name!);
    if (!fresh || !(fresh.metadata.finalizers ?? []).includes(finalizer)) return;
    const next = { ...fresh, metadata: { ...fresh.metadata, finalizers: fresh.metadata.finalizers!.filter((f) => f !== finalizer) } };
    await client.update(next);
  };

  const controller = runController({
    name: 'garbage-collector',
    queue,
    logger: ctx.logger,
    workers: 2,
    async reconcile(uid) {
      const node = graph.get(uid);
      if (!node) return;
      const { obj, informer } = node;
      const fin = obj.metadata.finalizers ?? [];
      if (obj.metadata.deletionTimestamp && fin.includes('orphan')) {
        for (const dep of graph.dependentsOf(uid)) {
          const refs = (dep.obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
          const next = { ...dep.obj, metadata: { ...dep.obj.metadata, ownerReferences: refs } };
          if (!refs.length) delete (next.metadata as { ownerReferences?: unknown }).ownerReferences;
          try {
            await client.update(next);
          } catch (err) {
            if (!isNotFound(err)) throw err;
          }
        }
        await removeFinalizer(obj, informer, 'orphan');
        return;
      }
      if (obj.metadata.deletionTimestamp && fin.includes('foregroundDeletion')) {
        const deps = graph.dependentsOf(uid);
        for (const dep of deps) if (!dep.obj.metadata.deletionTimestamp) await deleteObj(dep.obj, dep.informer, 'Foreground');
        const blocking = graph.dependentsOf(uid).filter((d) => (d.obj.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion));
        if (blocking.length) return { requeueAfterMs: 500 };
        await removeFinalizer(obj, informer, 'foregroundDeletion');
        return;
      }
      const refs = obj.metadata.ownerReferences ?? [];
      if (!refs.length || obj.metadata.deletionTimestamp) return;
      // An owner of a kind we do not watch cannot be judged; treat it as alive.
      if (refs.some((r) => !watched.has(`${r.apiVersion.includes('/') ? r.apiVersion.split('/')[0] : ''}/${r.kind}`))) return;
      const owners = refs.map((r) => graph.owner(r));
      const live = owners.filter((o): o is KubeObject => !!o && !o.metadata.deletionTimestamp);
      const foregroundOwner = owners.some((o) => o?.metadata.deletionTimestamp && (o.metadata.finalizers ?? []).includes('foregroundDeletion'));
      if (live.length === 0) {
        if (owners.every((o) => !o)) {
          // Give just-created owners a moment: an object can reference one committed in the same batch.
          if (ctx.clock.now() - Date.parse(obj.metadata.creationTimestamp ?? '') < 1000) return { requeueAfterMs: 1000 };
        }
        if (owners.some((o) => o && !o.metadata.deletionTimestamp)) return;
        await deleteObj(obj, informer, foregroundOwner ? 'Foreground' : 'Background');
      }
      return;
    },
  });
  return {
    name: controller.name,
    idle: controller.idle,
    stop() {
      unsubscribe();
      controller.stop();
    },
  };
}
