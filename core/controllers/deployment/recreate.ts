import type { KubeObject } from '../../api/types.js';
import { isPodTerminal } from '../shared/pod-state.js';
import { cleanupDeployment } from './cleanup.js';
import { activeReplicaSets, deploymentComplete, sumStatus } from './deployment-util.js';
import { replicaSetsAndRevision } from './new-replicaset.js';
import { refresh } from './rolling.js';
import { scaleTo } from './scaling.js';
import { syncRolloutStatus } from './status-sync.js';
import type { DeploymentSync } from './sync-context.js';

/** Whether any pod of an old ReplicaSet still runs (terminal pods do not count; terminating ones do). */
function oldPodsRunning(newRS: KubeObject | undefined, oldRSs: KubeObject[], podsByOwner: Map<string, KubeObject[]>): boolean {
  if (sumStatus(oldRSs, 'replicas') > 0) return true;
  for (const [uid, pods] of podsByOwner) {
    if (newRS && uid === newRS.metadata.uid) continue;
    if (pods.some((p) => !isPodTerminal(p))) return true;
  }
  return false;
}

/** Upstream's rolloutRecreate: every old pod gone before the new ReplicaSet is created or scaled up. */
export async function rolloutRecreate(s: DeploymentSync, list: KubeObject[], podsByOwner: Map<string, KubeObject[]>): Promise<number | undefined> {
  let { newRS, oldRSs } = await replicaSetsAndRevision(s, list, false);
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) if ((await scaleTo(s, rs, 0)).scaled) scaledDown = true;
  const all = () => (newRS ? [...oldRSs, newRS] : oldRSs);
  if (scaledDown || oldPodsRunning(newRS, refresh(s, oldRSs), podsByOwner)) return syncRolloutStatus(s, refresh(s, all()), newRS);
  if (!newRS) ({ newRS, oldRSs } = await replicaSetsAndRevision(s, list, true));
  await scaleTo(s, newRS!, s.spec.replicas);
  if (deploymentComplete(s.d, s.spec, s.d.status ?? {})) await cleanupDeployment(s, oldRSs);
  const fresh = refresh(s, all());
  return syncRolloutStatus(s, fresh, fresh[fresh.length - 1]);
}
