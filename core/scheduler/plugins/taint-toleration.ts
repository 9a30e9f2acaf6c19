import { tolerated, toleratesTaint, type Taint } from '../../api/node-selection.js';
import { fail, normalizeScores, type FilterPlugin, type ScorePlugin } from '../framework.js';

export { tolerated, toleratesTaint };

export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

export const taintTolerationFilter: FilterPlugin = {
  name: 'TaintToleration',
  filter(pod, node) {
    const taints = (node.node?.spec?.taints ?? []) as Taint[];
    const bad = taints.find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerated(pod.tolerations, t));
    return bad ? fail('TaintToleration', 'UnschedulableAndUnresolvable', untoleratedTaintReason(bad)) : undefined;
  },
};

/** Fewer untolerated PreferNoSchedule taints score higher. */
export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score(pod, node) {
    const taints = (node.node?.spec?.taints ?? []) as Taint[];
    const preferNo = pod.tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    return taints.filter((t) => t.effect === 'PreferNoSchedule' && !tolerated(preferNo, t)).length;
  },
  normalize: (scores) => normalizeScores(scores, true),
};
