// Turning Kubernetes off and resetting it, for a cluster that does not do it itself: the
// pods' containers stop with the cluster (off) or go with its store (reset). Certificates
// stay, so kubeconfigs keep working.
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Cluster } from '../cluster/index.js';
import { dockerFor, removePodContainers, stopPodContainers } from './docker.js';

type OwnLifecycle = Cluster & { stop(options?: { stopPods?: boolean }): Promise<void>; reset?: () => Promise<void> };

function podUids(cluster: Cluster): Set<string> {
  if (cluster.state !== 'running' || !cluster.client) return new Set();
  return new Set(cluster.client.list('v1', 'Pod').items.map((p) => p.metadata.uid ?? ''));
}

/** Stops the cluster and its pods' containers; starting again restarts them. */
export async function stopWithPods(cluster: Cluster): Promise<void> {
  const uids = podUids(cluster);
  await (cluster as OwnLifecycle).stop({ stopPods: true });
  if (uids.size && cluster.config.kubelet) await stopPodContainers(dockerFor(cluster.config.node?.dockerHost), uids, 3).catch(() => 0);
}

export function removeStoreFiles(dataDir: string): void {
  for (const f of ['store.db', 'store.db-wal', 'store.db-shm', 'store.db-journal']) rmSync(path.join(dataDir, f), { force: true });
}

/** Stops the cluster, then removes its pods' containers and its store. */
export async function resetCluster(cluster: Cluster): Promise<void> {
  const own = (cluster as OwnLifecycle).reset;
  if (own) return own.call(cluster);
  const uids = podUids(cluster);
  await (cluster as OwnLifecycle).stop({ stopPods: true });
  if (uids.size && cluster.config.kubelet) await removePodContainers(dockerFor(cluster.config.node?.dockerHost), uids).catch(() => 0);
  removeStoreFiles(cluster.config.dataDir);
}
