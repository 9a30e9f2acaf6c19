import type { KubeObject } from '../../api/types.js';
import { EventRecorder, objectKey, runController, WorkQueue, type RunningController } from '../../client/index.js';
import type { ControllerContext } from '../types.js';
import { claim } from '../shared/claim.js';
import { REVISION_HASH_LABEL, truncateHistory } from '../shared/controller-history.js';
import { Expectations } from '../shared/expectations.js';
import { CONTROLLER_UID_INDEX, controllerRefOf, controllerUidIndexer, refersToKind } from '../shared/owner-refs.js';
import { msUntilAvailable } from '../shared/pod-state.js';
import { matches, workloadSelector } from '../shared/selectors.js';
import { writeStatus } from '../shared/status.js';
import { targetNode } from './daemon-pod.js';
import { daemonSetRevision } from './daemonset-revisions.js';
import { daemonSetStatus } from './daemonset-status.js';
import { manage, rollingUpdate, type DaemonDeps } from './daemonset-sync.js';

/**
 * DaemonSets: one pod per eligible node, pinned there by node affinity on metadata.name (the
 * scheduler binds it), with the daemon tolerations, ControllerRevisions and rolling updates.
 */
export function startDaemonSetController(ctx: ControllerContext): RunningController {
  const client = ctx.client.as('daemon-set-controller');
  const recorder = new EventRecorder(client, { component: 'daemonset-controller' });
  const queue = new WorkQueue({ clock: ctx.clock });
  const expectations = new Expectations(ctx.clock);
  const sets = ctx.informers.for('apps/v1', 'DaemonSet');
  const pods = ctx.informers.for('v1', 'Pod');
  const nodes = ctx.informers.for('v1', 'Node');
  const revisions = ctx.informers.for('apps/v1', 'ControllerRevision');
  pods.addIndexer(CONTROLLER_UID_INDEX, controllerUidIndexer);
  revisions.addIndexer(CONTROLLER_UID_INDEX, controllerUidIndexer);
  const deps: DaemonDeps = { client, recorder, expectations, clock: ctx.clock, failedBackoff: new Map() };

  const ownerOf = (pod: KubeObject) => {
    const ref = controllerRefOf(pod);
    if (!refersToKind(ref, 'apps', 'DaemonSet')) return undefined;
    const ds = sets.get(pod.metadata.namespace, ref.name);
    return ds?.metadata.uid === ref.uid ? ds : undefined;
  };
  const onPod = (pod: KubeObject, kind: 'add' | 'update' | 'delete') => {
    const ds = ownerOf(pod);
    if (ds) {
      if (kind === 'add') expectations.creationObserved(objectKey(ds));
      if (kind === 'delete' || pod.metadata.deletionTimestamp) expectations.deletionObserved(objectKey(ds), objectKey(pod));
      return queue.add(objectKey(ds));
    }
    if (controllerRefOf(pod) || kind === 'delete') return;
    for (const d of sets.byIndex('namespace', pod.metadata.namespace!)) if (matches(workloadSelector(d.spec?.selector), pod.metadata.labels)) queue.add(objectKey(d));
  };
  const everySet = () => {
    for (const d of sets.list()) queue.add(objectKey(d));
  };
  const unsubscribe = [
    sets.on({ add: (d) => queue.add(objectKey(d)), update: (d) => queue.add(objectKey(d)), delete: (d) => expectations.delete(objectKey(d)) }),
    pods.on({ add: (p) => onPod(p, 'add'), update: (p) => onPod(p, 'update'), delete: (p) => onPod(p, 'delete') }),
    nodes.on({ add: everySet, update: (n, old) => JSON.stringify([n.metadata.labels, n.spec]) !== JSON.stringify([old.metadata.labels, old.spec]) && everySet(), delete: everySet }),
  ];

  return runController({
    name: 'daemonset-controller',
    queue,
    logger: ctx.logger,
    workers: 2,
    async reconcile(key) {
      const ds = sets.getByKey(key);
      if (!ds) return;
      const selector = workloadSelector(ds.spec?.selector);
      if (!selector) return;
      const owned = await claim({ client, owner: ds, selector, current: () => sets.getByKey(key) }, pods.byIndex('namespace', ds.metadata.namespace!));
      const { current, hash } = await daemonSetRevision(client, ds, revisions.byIndex(CONTROLLER_UID_INDEX, ds.metadata.uid!));
      const nodeList = nodes.list();
      const group = () => {
        const byNode = new Map<string, KubeObject[]>();
        const orphans: KubeObject[] = [];
        const known = new Set(nodeList.map((n) => n.metadata.name));
        for (const p of pods.byIndex(CONTROLLER_UID_INDEX, ds.metadata.uid!)) {
          const node = targetNode(p);
          if (!node || !known.has(node)) orphans.push(p);
          else byNode.set(node, [...(byNode.get(node) ?? []), p]);
        }
        return { byNode, orphans };
      };
      let requeue: number | undefined;
      if (!ds.metadata.deletionTimestamp && expectations.satisfied(key) && owned) {
        const g = group();
        requeue = await manage(deps, ds, nodeList, g.byNode, g.orphans, hash);
        if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
          const desired = daemonSetStatus(ds, nodeList, group().byNode, hash, ctx.clock.now()).desiredNumberScheduled as number;
          await rollingUpdate(deps, ds, group().byNode, desired, hash);
        }
      }
      const now = ctx.clock.now();
      const { byNode } = group();
      await writeStatus(client, sets.getByKey(key) ?? ds, daemonSetStatus(ds, nodeList, byNode, hash, now));
      const live = new Set([current.metadata.name!, ...[...byNode.values()].flat().map((p) => `${ds.metadata.name}-${p.metadata.labels?.[REVISION_HASH_LABEL]}`)]);
      await truncateHistory(client, revisions.byIndex(CONTROLLER_UID_INDEX, ds.metadata.uid!), live, ds.spec?.revisionHistoryLimit ?? 10);
      const minReady = ds.spec?.minReadySeconds ?? 0;
      const waits = [...byNode.values()].flat().map((p) => msUntilAvailable(p, minReady, now)).filter((x): x is number => x !== undefined);
      if (waits.length) requeue = Math.min(requeue ?? Infinity, Math.min(...waits) + 100);
      return requeue === undefined ? undefined : { requeueAfterMs: requeue };
    },
    onStop: unsubscribe,
  });
}
