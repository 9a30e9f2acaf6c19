import type { LabelSelector } from '../../api/labels.js';
import type { KubeObject } from '../../api/types.js';
import { EventRecorder, objectKey, runController, WorkQueue, type RunningController } from '../../client/index.js';
import type { ControllerContext } from '../types.js';
import { claim } from '../shared/claim.js';
import { Expectations } from '../shared/expectations.js';
import { CONTROLLER_UID_INDEX, controllerRefOf, controllerUidIndexer, refersToKind } from '../shared/owner-refs.js';
import { isPodActive, isPodReady } from '../shared/pod-state.js';
import { matches } from '../shared/selectors.js';
import { writeStatus } from '../shared/status.js';
import { manageReplicas } from './manage-replicas.js';
import { replicaStatus } from './replica-status.js';

/** What differs between ReplicaSets and ReplicationControllers. */
export interface ReplicaKind {
  apiVersion: string;
  kind: string;
  /** Event source and field manager, as upstream names them. */
  component: string;
  selector(owner: KubeObject): LabelSelector | null;
}

/**
 * The replica manager upstream shares between ReplicaSets and ReplicationControllers: keep
 * spec.replicas active pods that match the selector, adopt orphans, release pods that stopped
 * matching, and report counts in status.
 */
export function startReplicaManager(ctx: ControllerContext, kind: ReplicaKind): RunningController {
  const group = kind.apiVersion.includes('/') ? kind.apiVersion.split('/')[0] : '';
  const client = ctx.client.as(kind.component);
  const recorder = new EventRecorder(client, { component: kind.component });
  const queue = new WorkQueue({ clock: ctx.clock });
  const expectations = new Expectations(ctx.clock);
  const owners = ctx.informers.for(kind.apiVersion, kind.kind);
  const pods = ctx.informers.for('v1', 'Pod');
  pods.addIndexer(CONTROLLER_UID_INDEX, controllerUidIndexer);

  const ownerOf = (pod: KubeObject): KubeObject | undefined => {
    const ref = controllerRefOf(pod);
    if (!refersToKind(ref, group, kind.kind)) return undefined;
    const owner = owners.get(pod.metadata.namespace, ref.name);
    return owner?.metadata.uid === ref.uid ? owner : undefined;
  };
  const enqueueMatching = (pod: KubeObject) => {
    for (const o of owners.byIndex('namespace', pod.metadata.namespace!)) if (matches(kind.selector(o), pod.metadata.labels)) queue.add(objectKey(o));
  };
  const podGone = (pod: KubeObject) => {
    const owner = ownerOf(pod);
    if (!owner) return;
    expectations.deletionObserved(objectKey(owner), objectKey(pod));
    queue.add(objectKey(owner));
  };

  const unsubscribe = [
    owners.on({
      add: (o) => queue.add(objectKey(o)),
      update: (o) => queue.add(objectKey(o)),
      delete: (o) => {
        expectations.delete(objectKey(o));
        queue.add(objectKey(o));
      },
    }),
    pods.on({
      add: (pod) => {
        if (pod.metadata.deletionTimestamp) return podGone(pod);
        const owner = ownerOf(pod);
        if (owner) {
          expectations.creationObserved(objectKey(owner));
          queue.add(objectKey(owner));
        } else if (!controllerRefOf(pod)) enqueueMatching(pod);
      },
      update: (pod, old) => {
        const labelsChanged = JSON.stringify(pod.metadata.labels) !== JSON.stringify(old.metadata.labels);
        if (pod.metadata.deletionTimestamp && !old.metadata.deletionTimestamp) {
          podGone(pod);
          if (labelsChanged) podGone(old);
          return;
        }
        const oldOwner = ownerOf(old);
        const owner = ownerOf(pod);
        if (oldOwner && oldOwner !== owner) queue.add(objectKey(oldOwner));
        if (owner) {
          queue.add(objectKey(owner));
          // A pod that just became ready turns available minReadySeconds later; look again then.
          const minReady = owner.spec?.minReadySeconds ?? 0;
          if (minReady > 0 && isPodReady(pod) && !isPodReady(old)) queue.addAfter(objectKey(owner), minReady * 1000 + 1000);
        } else if (!controllerRefOf(pod) && (labelsChanged || controllerRefOf(old))) enqueueMatching(pod);
      },
      delete: podGone,
    }),
  ];

  const relatedPods = (owner: KubeObject, own: KubeObject[]): KubeObject[] => {
    // Pods of sibling ReplicaSets under the same Deployment count for co-location ranking.
    const parent = controllerRefOf(owner);
    if (!parent) return own;
    const out = [...own];
    for (const sib of owners.byIndex(CONTROLLER_UID_INDEX, parent.uid)) {
      if (sib.metadata.uid === owner.metadata.uid) continue;
      out.push(...pods.byIndex(CONTROLLER_UID_INDEX, sib.metadata.uid!).filter(isPodActive));
    }
    return out;
  };
  owners.addIndexer(CONTROLLER_UID_INDEX, controllerUidIndexer);

  return runController({
    name: kind.component,
    queue,
    logger: ctx.logger,
    workers: 4,
    async reconcile(key) {
      const owner = owners.getByKey(key);
      if (!owner) {
        expectations.delete(key);
        return;
      }
      const selector = kind.selector(owner);
      if (!selector) return;
      const needsSync = expectations.satisfied(key);
      const active = pods.byIndex('namespace', owner.metadata.namespace!).filter(isPodActive);
      const own = await claim({ client, owner, selector, current: () => owners.getByKey(key) }, active);
      let manageError: Error | undefined;
      if (needsSync && !owner.metadata.deletionTimestamp) manageError = await manageReplicas({ client, recorder, expectations }, owner, own, relatedPods(owner, own));
      const now = ctx.clock.now();
      const latest = owners.getByKey(key) ?? owner;
      const updated = await writeStatus(client, latest, replicaStatus(latest, own, manageError, now));
      if (manageError) throw manageError;
      const minReady = updated.spec?.minReadySeconds ?? 0;
      const s = updated.status ?? {};
      if (minReady > 0 && (s.readyReplicas ?? 0) === s.replicas && (s.availableReplicas ?? 0) !== s.replicas) return { requeueAfterMs: minReady * 1000 };
      return;
    },
    onStop: unsubscribe,
  });
}
