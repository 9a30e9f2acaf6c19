import type { KubeObject } from '../../api/types.js';
import { getCondition, setCondition } from '../shared/conditions.js';
import { cleanupDeployment } from './cleanup.js';
import { deploymentCondition, REASON } from './deployment-status.js';
import { activeReplicaSets, DESIRED_REPLICAS } from './deployment-util.js';
import { replicaSetsAndRevision } from './new-replicaset.js';
import { rolloutRecreate } from './recreate.js';
import { refresh, rolloutRolling } from './rolling.js';
import { scaleDeployment } from './scaling.js';
import { syncDeploymentStatus } from './status-sync.js';
import { DeploymentSync, type DeploymentDeps } from './sync-context.js';

/**
 * Upstream's syncDeployment after the ReplicaSets are claimed: deleted → status only; paused or
 * resized → scale; otherwise a rollout step. Returns a requeue delay when one is due.
 */
export async function syncDeployment(deps: DeploymentDeps, d: KubeObject, rsList: KubeObject[], podsByOwner: Map<string, KubeObject[]>): Promise<number | undefined> {
  const s = new DeploymentSync(deps, d);
  if (d.metadata.deletionTimestamp) {
    const { newRS, oldRSs } = await replicaSetsAndRevision(s, rsList, false);
    await syncDeploymentStatus(s, refresh(s, newRS ? [...oldRSs, newRS] : oldRSs), newRS);
    return undefined;
  }
  await checkPausedConditions(s);
  if (s.spec.paused || (await isScalingEvent(s, rsList))) {
    await scaleOnly(s, rsList);
    return undefined;
  }
  return s.spec.strategy.type === 'Recreate' ? rolloutRecreate(s, rsList, podsByOwner) : rolloutRolling(s, rsList);
}

/** Upstream's sync: resize (proportionally during a rollout), clean history when paused, write status. */
async function scaleOnly(s: DeploymentSync, rsList: KubeObject[]): Promise<void> {
  const { newRS, oldRSs } = await replicaSetsAndRevision(s, rsList, false);
  await scaleDeployment(s, newRS, oldRSs);
  if (s.spec.paused) await cleanupDeployment(s, refresh(s, oldRSs));
  const all = refresh(s, newRS ? [...oldRSs, newRS] : oldRSs);
  await syncDeploymentStatus(s, all, newRS ? all[all.length - 1] : undefined);
}

/** A ReplicaSet whose desired-replicas annotation differs from spec.replicas means the user resized. */
async function isScalingEvent(s: DeploymentSync, rsList: KubeObject[]): Promise<boolean> {
  const { newRS, oldRSs } = await replicaSetsAndRevision(s, rsList, false);
  for (const rs of activeReplicaSets([...oldRSs, newRS])) {
    const desired = rs.metadata.annotations?.[DESIRED_REPLICAS];
    if (desired === undefined || !/^\d+$/.test(desired)) continue;
    if (Number(desired) !== s.spec.replicas) return true;
  }
  return false;
}

/** Pausing and resuming reset Progressing to Unknown so a paused rollout never times out. */
async function checkPausedConditions(s: DeploymentSync): Promise<void> {
  if (s.spec.progressDeadlineSeconds === undefined) return;
  const cond = getCondition(s.d.status?.conditions, 'Progressing');
  if (cond?.reason === REASON.timedOut) return;
  const pausedShown = cond?.reason === REASON.paused;
  let next;
  if (s.spec.paused && !pausedShown) next = deploymentCondition('Progressing', 'Unknown', REASON.paused, 'Deployment is paused', s.now());
  else if (!s.spec.paused && pausedShown) next = deploymentCondition('Progressing', 'Unknown', REASON.resumed, 'Deployment is resumed', s.now());
  if (next) await s.saveStatus({ ...s.d.status, conditions: setCondition(s.d.status?.conditions, next) });
}
