import { fail, type FilterPlugin } from '../framework.js';
import { tolerated, untoleratedTaintReason } from './taint-toleration.js';

/**
 * Keeps pods off nodes whose Ready condition is not True, as the not-ready and unreachable
 * NoSchedule taints would, even before the node lifecycle controller has put them on.
 */
export const nodeReady: FilterPlugin = {
  name: 'NodeReady',
  filter(pod, node) {
    const ready = ((node.node?.status?.conditions ?? []) as Array<{ type: string; status: string }>).find((c) => c.type === 'Ready');
    if (ready?.status === 'True') return undefined;
    const key = ready?.status === 'Unknown' ? 'node.kubernetes.io/unreachable' : 'node.kubernetes.io/not-ready';
    const taint = { key, effect: 'NoSchedule' };
    if (tolerated(pod.tolerations, taint)) return undefined;
    return fail('NodeReady', 'UnschedulableAndUnresolvable', untoleratedTaintReason(taint));
  },
};
