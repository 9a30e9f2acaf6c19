import { fail, normalizeScores, type FilterPlugin, type ScorePlugin, type Taint, type Toleration } from '../framework.js';

/** Upstream's ToleratesTaint: an empty key with Exists tolerates every key; an empty effect every effect. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== 'Exists') return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

export function tolerated(tolerations: Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => toleratesTaint(t, taint));
}

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
