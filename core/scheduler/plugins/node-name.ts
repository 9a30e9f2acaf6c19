import { fail, type FilterPlugin } from '../framework.js';

/** A pod that names its node fits only there. */
export const nodeName: FilterPlugin = {
  name: 'NodeName',
  filter(pod, node) {
    const want = pod.pod.spec?.nodeName;
    if (!want || want === node.name) return undefined;
    return fail('NodeName', 'UnschedulableAndUnresolvable', "node(s) didn't match the requested node name");
  },
};
