import type { KubeObject } from '../../api/types.js';
import { getCondition } from './conditions.js';

export function podPhase(pod: KubeObject): string {
  return pod.status?.phase ?? 'Pending';
}

export function isPodTerminal(pod: KubeObject): boolean {
  const p = podPhase(pod);
  return p === 'Succeeded' || p === 'Failed';
}

export function isPodTerminating(pod: KubeObject): boolean {
  return !!pod.metadata.deletionTimestamp;
}

/** Upstream's IsPodActive: not finished and not being deleted. */
export function isPodActive(pod: KubeObject): boolean {
  return !isPodTerminal(pod) && !isPodTerminating(pod);
}

export function isPodReady(pod: KubeObject): boolean {
  return getCondition(pod.status?.conditions, 'Ready')?.status === 'True';
}

/** When the pod last became Ready, in ms, or undefined. */
export function podReadySince(pod: KubeObject): number | undefined {
  const c = getCondition(pod.status?.conditions, 'Ready');
  if (c?.status !== 'True') return undefined;
  const t = Date.parse(c.lastTransitionTime ?? '');
  return Number.isNaN(t) ? undefined : t;
}

/** Ready for at least minReadySeconds (upstream's IsPodAvailable). */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const since = podReadySince(pod);
  return since !== undefined && since + minReadySeconds * 1000 <= now;
}

/** How long until a ready pod becomes available, or undefined when it already is (or is not ready). */
export function msUntilAvailable(pod: KubeObject, minReadySeconds: number, now: number): number | undefined {
  if (!minReadySeconds || !isPodReady(pod)) return undefined;
  const since = podReadySince(pod);
  if (since === undefined) return undefined;
  const left = since + minReadySeconds * 1000 - now;
  return left > 0 ? left : undefined;
}

export function creationMs(obj: KubeObject): number {
  const t = Date.parse(obj.metadata.creationTimestamp ?? '');
  return Number.isNaN(t) ? 0 : t;
}

/** Total container restarts, for deletion ranking. */
export function restartCount(pod: KubeObject): number {
  let n = 0;
  for (const s of pod.status?.containerStatuses ?? []) n += s.restartCount ?? 0;
  return n;
}
