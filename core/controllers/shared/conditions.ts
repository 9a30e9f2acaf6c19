import { rfc3339 } from '../../util/clock.js';

/** The shape every status condition of the built-in kinds shares. */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: string | null;
  [extra: string]: unknown;
}

export function getCondition(conditions: Condition[] | undefined, type: string): Condition | undefined {
  return (conditions ?? []).find((c) => c.type === type);
}

export function removeCondition(conditions: Condition[] | undefined, type: string): Condition[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}

/**
 * Upstream's SetCondition for workload kinds: a condition with the same status and reason is
 * left alone; a status change moves lastTransitionTime; a new condition goes to the end.
 */
export function setCondition(conditions: Condition[] | undefined, next: Condition): Condition[] {
  const list = conditions ?? [];
  const cur = getCondition(list, next.type);
  if (cur && cur.status === next.status && cur.reason === next.reason) return list;
  const merged = { ...next };
  if (cur && cur.status === next.status && cur.lastTransitionTime) merged.lastTransitionTime = cur.lastTransitionTime;
  return [...removeCondition(list, next.type), merged];
}

/** A condition stamped now, with lastUpdateTime for the kinds that carry it (Deployment, DaemonSet). */
export function newCondition(type: string, status: Condition['status'], reason: string, message: string, now: number, withUpdateTime = false): Condition {
  const t = rfc3339(now);
  return withUpdateTime ? { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message } : { type, status, lastTransitionTime: t, reason, message };
}
