// Turning Kubernetes off and resetting it: the cluster does both itself (its kubelet stops or
// removes this node's containers); these keep the bridge's callers to one shape.
import type { Cluster } from '../cluster/index.js';

/** Stops the cluster and its pods' containers; starting again restarts them. */
export async function stopWithPods(cluster: Cluster): Promise<void> {
  await cluster.stop({ stopPods: true });
}

/** Wipes the cluster's objects and containers, keeping its certificates, and starts it again if it ran. */
export async function resetCluster(cluster: Cluster): Promise<void> {
  await cluster.reset();
}
