import type { KubeObject } from '../api/types.js';
import type { FilterFailure } from './framework.js';

/** Upstream's ErrNoNodesAvailable text. */
export const NO_NODES_MESSAGE = 'no nodes available to schedule pods';

function histogram(reasons: string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts]
    .map(([r, n]) => `${n} ${r}`)
    .sort()
    .join(', ');
}

/**
 * The FitError text plus the preemption post-filter's, as upstream prints them, e.g.
 * `0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.`
 * Skiff does not preempt, so a node that might have helped reports no victims.
 */
export function fitErrorMessage(pod: KubeObject, numNodes: number, failures: FilterFailure[]): string {
  const head = `0/${numNodes} nodes are available: ${histogram(failures.flatMap((f) => f.reasons))}.`;
  if (pod.spec?.preemptionPolicy === 'Never') return `${head} preemption: not eligible due to preemptionPolicy=Never.`;
  const post = failures.map((f) => (f.code === 'UnschedulableAndUnresolvable' ? 'Preemption is not helpful for scheduling' : 'No preemption victims found for incoming pod'));
  return `${head} preemption: 0/${numNodes} nodes are available: ${histogram(post)}.`;
}
