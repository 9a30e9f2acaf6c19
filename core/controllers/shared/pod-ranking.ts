import type { KubeObject } from '../../api/types.js';
import { creationMs, isPodReady, podPhase, podReadySince, restartCount } from './pod-state.js';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

function deletionCost(pod: KubeObject): number {
  const v = Number(pod.metadata.annotations?.[DELETION_COST]);
  return Number.isInteger(v) ? v : 0;
}

/**
 * Upstream's ActivePodsWithRanks order, cheapest to lose first: unscheduled before scheduled,
 * Pending before Unknown before Running, not ready before ready, lower deletion cost, pods
 * doubled up on a node with related pods, ready for less time, more restarts, newer.
 */
export function compareForDeletion(a: KubeObject, b: KubeObject, rankA: number, rankB: number): number {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (!na || !nb)) return !na ? -1 : 1;
  const pa = PHASE_ORDER[podPhase(a)] ?? 0;
  const pb = PHASE_ORDER[podPhase(b)] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca - cb;
  if (rankA !== rankB) return rankB - rankA;
  if (ra && rb) {
    const ta = podReadySince(a) ?? 0;
    const tb = podReadySince(b) ?? 0;
    if (ta !== tb) return tb - ta;
  }
  const xa = restartCount(a);
  const xb = restartCount(b);
  if (xa !== xb) return xb - xa;
  const ta = creationMs(a);
  const tb = creationMs(b);
  if (ta !== tb) return tb - ta;
  return (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

/** The `n` pods to delete, ranking co-location against `related` (pods of sibling owners too). */
export function podsToDelete(pods: KubeObject[], related: KubeObject[], n: number): KubeObject[] {
  if (n >= pods.length) return pods.slice(0, n);
  const perNode = new Map<string, number>();
  for (const p of related) {
    const node = p.spec?.nodeName;
    if (node) perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  const rank = (p: KubeObject) => (p.spec?.nodeName ? (perNode.get(p.spec.nodeName) ?? 0) : 0);
  const ranked = pods.map((p) => ({ p, r: rank(p) }));
  ranked.sort((x, y) => compareForDeletion(x.p, y.p, x.r, y.r));
  return ranked.slice(0, n).map((x) => x.p);
}
