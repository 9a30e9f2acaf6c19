import type { KubeObject } from '../api/types.js';
import type { FilterFailure, FilterPlugin, PodInfo, ScorePlugin, Toleration } from './framework.js';
import { fitErrorMessage, NO_NODES_MESSAGE } from './fit-error.js';
import { accountFor, type NodeInfo } from './node-info.js';

export type ScheduleResult = { node: string } | { node?: undefined; message: string };

export interface Profile {
  filters: FilterPlugin[];
  scores: ScorePlugin[];
}

export function podInfoFor(pod: KubeObject): PodInfo {
  return { pod, account: accountFor(pod), tolerations: (pod.spec?.tolerations ?? []) as Toleration[] };
}

/** Runs filters until the first failure, as upstream's RunFilterPlugins does. */
function filterNode(profile: Profile, pod: PodInfo, node: NodeInfo): FilterFailure | undefined {
  for (const f of profile.filters) {
    const out = f.filter(pod, node);
    if (out) return out;
  }
  return undefined;
}

/**
 * One scheduling decision, synchronous so that the cache it reads cannot change underneath it:
 * filter every node, score the feasible ones, pick the best (ties at random, as upstream's
 * selectHost does).
 */
export function scheduleOne(profile: Profile, pod: PodInfo, nodes: NodeInfo[], random: () => number = Math.random): ScheduleResult {
  if (!nodes.length) return { message: NO_NODES_MESSAGE };
  const feasible: NodeInfo[] = [];
  const failures: FilterFailure[] = [];
  for (const n of nodes) {
    const f = filterNode(profile, pod, n);
    if (f) failures.push(f);
    else feasible.push(n);
  }
  if (!feasible.length) return { message: fitErrorMessage(pod.pod, nodes.length, failures) };
  if (feasible.length === 1) return { node: feasible[0].name };
  const totals = new Array<number>(feasible.length).fill(0);
  for (const s of profile.scores) {
    let raw = feasible.map((n) => s.score(pod, n));
    if (s.normalize) raw = s.normalize(raw);
    raw.forEach((v, i) => (totals[i] += v * s.weight));
  }
  let best = -1;
  let chosen = 0;
  let ties = 0;
  totals.forEach((v, i) => {
    if (v > best) {
      best = v;
      chosen = i;
      ties = 1;
    } else if (v === best && random() < 1 / ++ties) chosen = i;
  });
  return { node: feasible[chosen].name };
}
