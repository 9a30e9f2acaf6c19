import type { KubeObject } from '../../api/types.js';
import { EventRecorder, objectKey, runController, WorkQueue, type RunningController } from '../../client/index.js';
import type { ControllerContext } from '../types.js';
import { claim } from '../shared/claim.js';
import { CONTROLLER_UID_INDEX, controllerRefOf, controllerUidIndexer, refersToKind } from '../shared/owner-refs.js';
import { matches, selectsEverything, workloadSelector } from '../shared/selectors.js';
import { syncDeployment } from './sync-deployment.js';
import type { DeploymentDeps } from './sync-context.js';

/**
 * Deployments: one ReplicaSet per pod template (`<name>-<pod-template-hash>`), rolled from old to
 * new by RollingUpdate or Recreate, with revisions, history cleanup, pause and the status and
 * conditions `kubectl rollout status` and helm's kstatus read.
 */
export function startDeploymentController(ctx: ControllerContext): RunningController {
  const client = ctx.client.as('deployment-controller');
  const recorder = new EventRecorder(client, { component: 'deployment-controller' });
  const queue = new WorkQueue({ clock: ctx.clock });
  const deployments = ctx.informers.for('apps/v1', 'Deployment');
  const replicaSets = ctx.informers.for('apps/v1', 'ReplicaSet');
  const pods = ctx.informers.for('v1', 'Pod');
  replicaSets.addIndexer(CONTROLLER_UID_INDEX, controllerUidIndexer);
  pods.addIndexer(CONTROLLER_UID_INDEX, controllerUidIndexer);
  const deps: DeploymentDeps = { client, recorder, clock: ctx.clock, replicaSets };

  const ownerOf = (rs: KubeObject): KubeObject | undefined => {
    const ref = controllerRefOf(rs);
    if (!refersToKind(ref, 'apps', 'Deployment')) return undefined;
    const d = deployments.get(rs.metadata.namespace, ref.name);
    return d?.metadata.uid === ref.uid ? d : undefined;
  };
  const enqueueOwnerOrMatching = (rs: KubeObject) => {
    const owner = ownerOf(rs);
    if (owner) return queue.add(objectKey(owner));
    if (controllerRefOf(rs)) return;
    for (const d of deployments.byIndex('namespace', rs.metadata.namespace!)) if (matches(workloadSelector(d.spec?.selector), rs.metadata.labels)) queue.add(objectKey(d));
  };

  const unsubscribe = [
    deployments.on({ add: (d) => queue.add(objectKey(d)), update: (d) => queue.add(objectKey(d)), delete: (d) => queue.add(objectKey(d)) }),
    replicaSets.on({
      add: enqueueOwnerOrMatching,
      update: (rs, old) => {
        const before = ownerOf(old);
        if (before && before !== ownerOf(rs)) queue.add(objectKey(before));
        enqueueOwnerOrMatching(rs);
      },
      delete: (rs) => {
        const owner = ownerOf(rs);
        if (owner) queue.add(objectKey(owner));
      },
    }),
    // Recreate waits for the old pods to be gone, which only pod deletions tell.
    pods.on({
      delete: (pod) => {
        const ref = controllerRefOf(pod);
        if (!refersToKind(ref, 'apps', 'ReplicaSet')) return;
        const rs = replicaSets.get(pod.metadata.namespace, ref.name);
        const d = rs && ownerOf(rs);
        if (d?.spec?.strategy?.type === 'Recreate') queue.add(objectKey(d));
      },
    }),
  ];

  return runController({
    name: 'deployment-controller',
    queue,
    logger: ctx.logger,
    workers: 4,
    async reconcile(key) {
      const d = deployments.getByKey(key);
      if (!d) return;
      if (selectsEverything(d.spec?.selector)) {
        recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
        if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) await client.updateStatus({ ...d, status: { ...d.status, observedGeneration: d.metadata.generation } });
        return;
      }
      const selector = workloadSelector(d.spec?.selector);
      if (!selector) return;
      const owned = await claim({ client, owner: d, selector, current: () => deployments.getByKey(key) }, replicaSets.byIndex('namespace', d.metadata.namespace!));
      const podsByOwner = new Map<string, KubeObject[]>();
      for (const rs of owned) podsByOwner.set(rs.metadata.uid!, pods.byIndex(CONTROLLER_UID_INDEX, rs.metadata.uid!).filter((p) => matches(selector, p.metadata.labels)));
      const requeue = await syncDeployment(deps, deployments.getByKey(key) ?? d, owned, podsByOwner);
      return requeue === undefined ? undefined : { requeueAfterMs: requeue };
    },
    onStop: unsubscribe,
  });
}
