import type { KubeObject } from '../../api/types.js';
import { rfc3339 } from '../../util/clock.js';
import { getCondition } from '../shared/conditions.js';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export const NOT_READY = 'node.kubernetes.io/not-ready';
export const UNREACHABLE = 'node.kubernetes.io/unreachable';

/** Condition → NoSchedule taint, as upstream's TaintNodesByCondition maps them. */
const CONDITION_TAINTS: Array<[string, string]> = [
  ['MemoryPressure', 'node.kubernetes.io/memory-pressure'],
  ['DiskPressure', 'node.kubernetes.io/disk-pressure'],
  ['PIDPressure', 'node.kubernetes.io/pid-pressure'],
  ['NetworkUnavailable', 'node.kubernetes.io/network-unavailable'],
];
const MANAGED = new Set([NOT_READY, UNREACHABLE, 'node.kubernetes.io/unschedulable', ...CONDITION_TAINTS.map(([, k]) => k)]);

/** The taints this controller owns that the node should carry now. */
export function wantedTaints(node: KubeObject): Taint[] {
  const out: Taint[] = [];
  // No Ready condition yet: the node has not posted status; it gets Unknown after the startup grace.
  const ready = getCondition(node.status?.conditions, 'Ready')?.status;
  if (ready === 'False') out.push({ key: NOT_READY, effect: 'NoSchedule' }, { key: NOT_READY, effect: 'NoExecute' });
  if (ready === 'Unknown') out.push({ key: UNREACHABLE, effect: 'NoSchedule' }, { key: UNREACHABLE, effect: 'NoExecute' });
  for (const [type, key] of CONDITION_TAINTS) if (getCondition(node.status?.conditions, type)?.status === 'True') out.push({ key, effect: 'NoSchedule' });
  if (node.spec?.unschedulable) out.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
  return out;
}

/** The node's taints with ours brought up to date (others untouched), or undefined when nothing changes. */
export function reconcileTaints(node: KubeObject, now: number): Taint[] | undefined {
  const current = (node.spec?.taints ?? []) as Taint[];
  const want = wantedTaints(node);
  const same = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;
  const kept = current.filter((t) => !MANAGED.has(t.key) || want.some((w) => same(w, t)));
  const added = want.filter((w) => !current.some((t) => same(w, t))).map((t) => (t.effect === 'NoExecute' ? { ...t, timeAdded: rfc3339(now) } : t));
  if (!added.length && kept.length === current.length) return undefined;
  return [...kept, ...added];
}
