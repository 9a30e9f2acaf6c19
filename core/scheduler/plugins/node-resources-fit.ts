import { fail, MAX_NODE_SCORE, type FilterPlugin, type ScorePlugin } from '../framework.js';

/**
 * Requests against what is left of the node's allocatable: one reason per short resource, as
 * upstream reports them (`Too many pods`, `Insufficient cpu`, …).
 */
export const nodeResourcesFit: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(pod, node) {
    const reasons: string[] = [];
    const alloc = node.allocatable;
    if (node.pods.size + 1 > (alloc.pods ?? 0)) reasons.push('Too many pods');
    const req = pod.account.requests;
    for (const [name, amount] of Object.entries(req)) {
      if (name === 'pods' || amount <= 0) continue;
      if (amount > (alloc[name] ?? 0) - (node.requested[name] ?? 0)) reasons.push(`Insufficient ${name}`);
    }
    return reasons.length ? fail('NodeResourcesFit', 'Unschedulable', ...sortResourceReasons(reasons)) : undefined;
  },
};

// Upstream checks pods, cpu, memory, ephemeral-storage, then extended resources; keep that order.
const ORDER = ['Too many pods', 'Insufficient cpu', 'Insufficient memory', 'Insufficient ephemeral-storage'];
function sortResourceReasons(reasons: string[]): string[] {
  const rank = (r: string) => (ORDER.includes(r) ? ORDER.indexOf(r) : ORDER.length);
  return [...reasons].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** LeastAllocated over cpu and memory: the emptier node wins. */
export const leastAllocated: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score(pod, node) {
    let total = 0;
    for (const r of ['cpu', 'memory']) {
      const cap = node.allocatable[r] ?? 0;
      const requested = (node.nonZeroRequested[r] ?? 0) + (pod.account.nonZero[r] ?? 0);
      total += cap === 0 || requested > cap ? 0 : Math.floor(((cap - requested) * MAX_NODE_SCORE) / cap);
    }
    return Math.floor(total / 2);
  },
};
