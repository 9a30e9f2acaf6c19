import { fail, type FilterPlugin } from '../framework.js';
import { tolerated } from './taint-toleration.js';

const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

/** Cordoned nodes (`kubectl cordon`) take only pods that tolerate the unschedulable taint. */
export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(pod, node) {
    if (!node.node?.spec?.unschedulable) return undefined;
    if (tolerated(pod.tolerations, UNSCHEDULABLE_TAINT)) return undefined;
    return fail('NodeUnschedulable', 'UnschedulableAndUnresolvable', 'node(s) were unschedulable');
  },
};
