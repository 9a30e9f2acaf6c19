import type { KubeObject } from '../../api/types.js';
import { EventRecorder, objectKey, runController, WorkQueue, type RunningController } from '../../client/index.js';
import type { ControllerContext } from '../types.js';
import { claim } from '../shared/claim.js';
import { REVISION_HASH_LABEL, truncateHistory } from '../shared/controller-history.js';
import { CONTROLLER_UID_INDEX, controllerRefOf, controllerUidIndexer, refersToKind } from '../shared/owner-refs.js';
import { msUntilAvailable } from '../shared/pod-state.js';
import { matches, workloadSelector } from '../shared/selectors.js';
import { writeStatus } from '../shared/status.js';
import { updateStatefulSet } from './stateful-set-control.js';
import { ordinalOf, setSpecOf } from './stateful-pod.js';
import { statefulSetRevisions } from './statefulset-revisions.js';
import { statefulSetStatus } from './statefulset-status.js';

/**
 * StatefulSets: pods `<set>-<ordinal>` with stable identity and storage, created and removed in
 * order (or in parallel), updated from the highest ordinal down to the partition, versioned by
 * ControllerRevisions.
 */
export function startStatefulSetController(ctx: ControllerContext): RunningController {
  const client = ctx.client.as('statefulset-controller');
  const recorder = new EventRecorder(client, { component: 'statefulset-controller' });
  const queue = new WorkQueue({ clock: ctx.clock });
  const sets = ctx.informers.for('apps/v1', 'StatefulSet');
  const pods = ctx.informers.for('v1', 'Pod');
  const revisions = ctx.informers.for('apps/v1', 'ControllerRevision');
  const claims = ctx.informers.for('v1', 'PersistentVolumeClaim');
  pods.addIndexer(CONTROLLER_UID_INDEX, controllerUidIndexer);
  revisions.addIndexer(CONTROLLER_UID_INDEX, controllerUidIndexer);

  const enqueueOwner = (obj: KubeObject) => {
    const ref = controllerRefOf(obj);
    if (refersToKind(ref, 'apps', 'StatefulSet')) {
      const set = sets.get(obj.metadata.namespace, ref.name);
      if (set?.metadata.uid === ref.uid) queue.add(objectKey(set));
      return;
    }
    if (ref || obj.kind !== 'Pod') return;
    for (const s of sets.byIndex('namespace', obj.metadata.namespace!)) if (matches(workloadSelector(s.spec?.selector), obj.metadata.labels) && ordinalOf(s, obj) !== undefined) queue.add(objectKey(s));
  };
  const unsubscribe = [
    sets.on({ add: (s) => queue.add(objectKey(s)), update: (s) => queue.add(objectKey(s)) }),
    pods.on({ add: enqueueOwner, update: enqueueOwner, delete: enqueueOwner }),
    revisions.on({ add: enqueueOwner, delete: enqueueOwner }),
  ];

  return runController({
    name: 'statefulset-controller',
    queue,
    logger: ctx.logger,
    workers: 2,
    async reconcile(key) {
      const set = sets.getByKey(key);
      if (!set) return;
      const selector = workloadSelector(set.spec?.selector);
      if (!selector) return;
      const spec = setSpecOf(set);
      const candidates = pods.byIndex('namespace', set.metadata.namespace!).filter((p) => ordinalOf(set, p) !== undefined);
      const owned = await claim({ client, owner: set, selector, current: () => sets.getByKey(key) }, candidates);
      const revs = await statefulSetRevisions(client, set, revisions.byIndex(CONTROLLER_UID_INDEX, set.metadata.uid!));
      if (!set.metadata.deletionTimestamp) await updateStatefulSet({ client, recorder, claims, now: () => ctx.clock.now() }, set, spec, revs, owned);
      const now = ctx.clock.now();
      const fresh = pods.byIndex(CONTROLLER_UID_INDEX, set.metadata.uid!);
      const status = statefulSetStatus(set, spec, revs, fresh, now);
      await writeStatus(client, sets.getByKey(key) ?? set, status);
      const live = new Set([revs.current.metadata.name!, revs.update.metadata.name!, String(status.currentRevision), ...fresh.map((p) => p.metadata.labels?.[REVISION_HASH_LABEL] ?? '')]);
      await truncateHistory(client, revisions.byIndex(CONTROLLER_UID_INDEX, set.metadata.uid!), live, spec.revisionHistoryLimit);
      const waits = fresh.map((p) => msUntilAvailable(p, spec.minReadySeconds, now)).filter((x): x is number => x !== undefined);
      return waits.length ? { requeueAfterMs: Math.min(...waits) + 100 } : undefined;
    },
    onStop: unsubscribe,
  });
}
