import type { KubeObject } from '../../api/types.js';
import { isConflict, isNotFound, runController, WorkQueue, type Client, type RunningController } from '../../client/index.js';
import type { ControllerContext } from '../types.js';
import { getCondition } from '../shared/conditions.js';
import { creationMs, isPodTerminal } from '../shared/pod-state.js';

export interface PodGcConfig {
  /** Finished pods kept before the oldest go (upstream's --terminated-pod-gc-threshold). */
  terminatedPodThreshold?: number;
  /** How often to look (upstream: 20 s). */
  periodMs?: number;
  /** How long a pod may stay terminating on a node that is not Ready before it is force-deleted. */
  terminatingOnNotReadyMs?: number;
  /** A pod bound to a node that does not exist waits this long first (upstream: 40 s). */
  orphanQuarantineMs?: number;
}

const KEY = 'pod-gc';

async function forceDelete(client: Client, pod: KubeObject): Promise<void> {
  try {
    await client.delete('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
  } catch (err) {
    if (!isNotFound(err) && !isConflict(err)) throw err;
  }
}

/**
 * Upstream's PodGC: keeps at most the threshold of finished pods (oldest go first), removes pods
 * bound to nodes that no longer exist and terminating pods that were never scheduled, and
 * force-deletes pods stuck terminating on a node that has not been Ready for a while.
 */
export function startPodGcController(ctx: ControllerContext, config: PodGcConfig = {}): RunningController {
  const threshold = config.terminatedPodThreshold ?? 12_500;
  const period = config.periodMs ?? 20_000;
  const notReadyAfter = config.terminatingOnNotReadyMs ?? 5 * 60_000;
  const quarantine = config.orphanQuarantineMs ?? 40_000;
  const client = ctx.client.as('pod-garbage-collector');
  const queue = new WorkQueue({ clock: ctx.clock });
  const pods = ctx.informers.for('v1', 'Pod');
  const nodes = ctx.informers.for('v1', 'Node');
  const missingSince = new Map<string, number>();
  const unsubscribe = nodes.on({ delete: () => queue.add(KEY) });
  queue.add(KEY);

  const controller = runController({
    name: 'pod-garbage-collector',
    queue,
    logger: ctx.logger,
    async reconcile() {
      const now = ctx.clock.now();
      const all = pods.list();
      const finished = all.filter((p) => isPodTerminal(p) && !p.metadata.deletionTimestamp);
      if (finished.length > threshold) {
        const oldest = finished.sort((a, b) => creationMs(a) - creationMs(b)).slice(0, finished.length - threshold);
        await Promise.all(oldest.map((p) => forceDelete(client, p)));
      }
      let nextCheck = period;
      const seen = new Set<string>();
      for (const p of all) {
        const nodeName = p.spec?.nodeName as string | undefined;
        if (!nodeName) {
          if (p.metadata.deletionTimestamp) await forceDelete(client, p);
          continue;
        }
        const node = nodes.get(undefined, nodeName);
        if (!node) {
          seen.add(nodeName);
          const since = missingSince.get(nodeName) ?? now;
          missingSince.set(nodeName, since);
          if (now - since >= quarantine) await forceDelete(client, p);
          else nextCheck = Math.min(nextCheck, since + quarantine - now);
          continue;
        }
        if (!p.metadata.deletionTimestamp) continue;
        const ready = getCondition(node.status?.conditions, 'Ready');
        const outOfService = (node.spec?.taints ?? []).some((t: { key: string }) => t.key === 'node.kubernetes.io/out-of-service');
        const notReadyFor = ready?.status === 'True' ? 0 : now - (Date.parse(ready?.lastTransitionTime ?? '') || now);
        const deletedFor = now - Date.parse(p.metadata.deletionTimestamp);
        if (outOfService || (ready?.status !== 'True' && notReadyFor >= notReadyAfter && deletedFor >= notReadyAfter)) await forceDelete(client, p);
      }
      for (const n of [...missingSince.keys()]) if (!seen.has(n)) missingSince.delete(n);
      return { requeueAfterMs: Math.max(100, nextCheck) };
    },
  });
  return {
    name: controller.name,
    idle: controller.idle,
    stop() {
      unsubscribe();
      controller.stop();
    },
  };
}
