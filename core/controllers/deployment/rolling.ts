import type { KubeObject } from '../../api/types.js';
import { activeReplicaSets, byCreation, deploymentComplete, maxUnavailable, newRSNewReplicas, replicasOf, sumSpecReplicas, sumStatus } from './deployment-util.js';
import { cleanupDeployment } from './cleanup.js';
import { replicaSetsAndRevision } from './new-replicaset.js';
import { scaleTo } from './scaling.js';
import { syncRolloutStatus } from './status-sync.js';
import type { DeploymentSync } from './sync-context.js';

/** Grow the new ReplicaSet as far as maxSurge allows (or shrink it when over the target). */
async function reconcileNewReplicaSet(s: DeploymentSync, all: KubeObject[], newRS: KubeObject): Promise<boolean> {
  const want = s.spec.replicas;
  if (replicasOf(newRS) === want) return false;
  if (replicasOf(newRS) > want) return (await scaleTo(s, newRS, want)).scaled;
  return (await scaleTo(s, newRS, newRSNewReplicas(s.spec, all, newRS))).scaled;
}

/** Old ReplicaSets with unavailable pods go first: they only block the rollout. */
async function cleanupUnhealthyReplicas(s: DeploymentSync, oldRSs: KubeObject[], maxCleanup: number): Promise<{ oldRSs: KubeObject[]; count: number }> {
  const sorted = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < sorted.length && total < maxCleanup; i++) {
    const rs = sorted[i];
    const avail = rs.status?.availableReplicas ?? 0;
    if (replicasOf(rs) === 0 || replicasOf(rs) === avail) continue;
    const down = Math.min(maxCleanup - total, replicasOf(rs) - avail);
    sorted[i] = (await scaleTo(s, rs, replicasOf(rs) - down)).rs;
    total += down;
  }
  return { oldRSs: sorted, count: total };
}

/** Scale old ReplicaSets down while at least replicas − maxUnavailable pods stay available. */
async function scaleDownOld(s: DeploymentSync, all: KubeObject[], oldRSs: KubeObject[]): Promise<number> {
  const minAvailable = s.spec.replicas - maxUnavailable(s.spec);
  const available = sumStatus(all, 'availableReplicas');
  if (available <= minAvailable) return 0;
  const target = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= target) break;
    if (replicasOf(rs) === 0) continue;
    const down = Math.min(replicasOf(rs), target - total);
    await scaleTo(s, rs, replicasOf(rs) - down);
    total += down;
  }
  return total;
}

async function reconcileOldReplicaSets(s: DeploymentSync, all: KubeObject[], oldRSs: KubeObject[], newRS: KubeObject): Promise<boolean> {
  if (sumSpecReplicas(oldRSs) === 0) return false;
  const minAvailable = s.spec.replicas - maxUnavailable(s.spec);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = sumSpecReplicas(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = await cleanupUnhealthyReplicas(s, oldRSs, maxScaledDown);
  const down = await scaleDownOld(s, [...cleaned.oldRSs, newRS], cleaned.oldRSs);
  return cleaned.count + down > 0;
}

/** Upstream's rolloutRolling: one step up, or one step down, per sync; status after each. */
export async function rolloutRolling(s: DeploymentSync, list: KubeObject[]): Promise<number | undefined> {
  const { newRS, oldRSs } = await replicaSetsAndRevision(s, list, true);
  const all = [...oldRSs, newRS!];
  if (await reconcileNewReplicaSet(s, all, newRS!)) return syncRolloutStatus(s, refresh(s, all), refresh(s, [newRS!])[0]);
  const fresh = refresh(s, all);
  const freshNew = fresh[fresh.length - 1];
  if (await reconcileOldReplicaSets(s, fresh, activeReplicaSets(fresh.slice(0, -1)), freshNew)) return syncRolloutStatus(s, refresh(s, all), freshNew);
  if (deploymentComplete(s.d, s.spec, s.d.status ?? {})) await cleanupDeployment(s, oldRSs);
  return syncRolloutStatus(s, refresh(s, all), freshNew);
}

/** The ReplicaSets as the cache has them after this sync's writes. */
export function refresh(s: DeploymentSync, list: KubeObject[]): KubeObject[] {
  return list.map((rs) => s.deps.replicaSets.get(rs.metadata.namespace, rs.metadata.name!) ?? rs);
}
