import type { KubeObject } from '../../api/types.js';
import { REVISION_HASH_LABEL } from '../shared/controller-history.js';
import { creationMs, isPodAvailable, isPodReady } from '../shared/pod-state.js';
import { compact } from '../shared/status.js';
import { daemonPodSpec } from './daemon-pod.js';
import { nodeShouldRunDaemonPod } from './node-fit.js';

/** Upstream's updateDaemonSetStatus: per node, the oldest live daemon pod decides what counts. */
export function daemonSetStatus(ds: KubeObject, nodes: KubeObject[], byNode: Map<string, KubeObject[]>, hash: string, now: number): Record<string, unknown> {
  const spec = daemonPodSpec(ds.spec?.template);
  const minReady = ds.spec?.minReadySeconds ?? 0;
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  for (const node of nodes) {
    const { shouldRun } = nodeShouldRunDaemonPod(spec, node);
    const pods = (byNode.get(node.metadata.name!) ?? []).filter((p) => !p.metadata.deletionTimestamp).sort((a, b) => creationMs(a) - creationMs(b));
    if (shouldRun) {
      desired++;
      if (!pods.length) continue;
      current++;
      const pod = pods[0];
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
      }
      if (pods.some((p) => p.metadata.labels?.[REVISION_HASH_LABEL] === hash)) updated++;
    } else if (pods.length) misscheduled++;
  }
  return compact({
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    observedGeneration: ds.metadata.generation,
    updatedNumberScheduled: updated || undefined,
    numberAvailable: available || undefined,
    numberUnavailable: desired - available || undefined,
    collisionCount: ds.status?.collisionCount,
    conditions: ds.status?.conditions,
  });
}
