import type { KubeObject } from '../../api/types.js';
import { podMatchesNodeSelectorAndAffinity, tolerated, type Taint, type Toleration } from '../../api/node-selection.js';

export function matchesNodeAffinity(podSpec: any, node: KubeObject): boolean {
  return podMatchesNodeSelectorAndAffinity({ metadata: {}, spec: podSpec }, node);
}

export const tolerates = tolerated;

// Which nodes a DaemonSet's pods belong on: the template's nodeSelector and required node
// affinity, and the node's NoSchedule/NoExecute taints against the pod's tolerations, by the
// same rules the scheduler uses.

/**
 * Upstream's NodeShouldRunDaemonPod: whether a new pod should go on the node, and whether one
 * already there may stay (it may when it tolerates every NoExecute taint).
 */
export function nodeShouldRunDaemonPod(podSpec: any, node: KubeObject): { shouldRun: boolean; shouldContinue: boolean } {
  if (podSpec?.nodeName && podSpec.nodeName !== node.metadata.name) return { shouldRun: false, shouldContinue: false };
  if (!matchesNodeAffinity(podSpec, node)) return { shouldRun: false, shouldContinue: false };
  const taints = (node.spec?.taints ?? []) as Taint[];
  const tolerations = (podSpec?.tolerations ?? []) as Toleration[];
  const blocking = taints.filter((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(tolerations, t));
  if (!blocking.length) return { shouldRun: true, shouldContinue: true };
  return { shouldRun: false, shouldContinue: !blocking.some((t) => t.effect === 'NoExecute') };
}
