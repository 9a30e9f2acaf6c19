import { fail, type FilterPlugin } from '../framework.js';

export const nodePorts: FilterPlugin = {
  name: 'NodePorts',
  filter(pod, node) {
    if (!pod.account.ports.some((p) => node.portConflict(p))) return undefined;
    return fail('NodePorts', 'Unschedulable', "node(s) didn't have free ports for the requested pod ports");
  },
};
