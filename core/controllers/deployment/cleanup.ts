import type { KubeObject } from '../../api/types.js';
import { isNotFound } from '../../client/index.js';
import { byRevision, replicasOf } from './deployment-util.js';
import type { DeploymentSync } from './sync-context.js';

/** Upstream's cleanupDeployment: delete the oldest empty ReplicaSets beyond revisionHistoryLimit. */
export async function cleanupDeployment(s: DeploymentSync, oldRSs: KubeObject[]): Promise<void> {
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - s.spec.revisionHistoryLimit;
  if (diff <= 0) return;
  const sorted = [...cleanable].sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = sorted[i];
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    try {
      await s.deps.client.delete('apps/v1', 'ReplicaSet', rs.metadata.namespace, rs.metadata.name!);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
