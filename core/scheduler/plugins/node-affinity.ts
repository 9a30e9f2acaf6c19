import { fail, normalizeScores, type FilterPlugin, type ScorePlugin } from '../framework.js';
import { podMatchesNodeSelectorAndAffinity, termMatches, type NodeSelectorTerm } from '../node-selector.js';

export const nodeAffinityFilter: FilterPlugin = {
  name: 'NodeAffinity',
  filter(pod, node) {
    if (podMatchesNodeSelectorAndAffinity(pod.pod, node.node!)) return undefined;
    return fail('NodeAffinity', 'UnschedulableAndUnresolvable', "node(s) didn't match Pod's node affinity/selector");
  },
};

/** Sum of the weights of the preferred terms a node matches, scaled so the best node gets 100. */
export const nodeAffinityScore: ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  score(pod, node) {
    const preferred = (pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) as Array<{ weight: number; preference: NodeSelectorTerm }>;
    let sum = 0;
    for (const p of preferred) if (p.weight && termMatches(p.preference, node.node!)) sum += p.weight;
    return sum;
  },
  normalize: (scores) => normalizeScores(scores, false),
};
