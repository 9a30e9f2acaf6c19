import type { KubeObject } from '../../api/types.js';

export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

/** The completion index a pod carries (annotation first, as upstream reads it), or undefined. */
export function podIndex(pod: KubeObject): number | undefined {
  const v = pod.metadata.annotations?.[COMPLETION_INDEX] ?? pod.metadata.labels?.[COMPLETION_INDEX];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

/** Parses `1,3-5,7` (status.completedIndexes) into a sorted set. */
export function parseIndexes(text: string | undefined, completions: number): Set<number> {
  const out = new Set<number>();
  for (const part of (text ?? '').split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    for (let i = from; i <= to && i < completions; i++) out.add(i);
  }
  return out;
}

/** Formats a set of indexes as upstream's interval list: consecutive runs become `a-b`. */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The lowest `n` indexes that are neither completed nor held by an active pod. */
export function firstPendingIndexes(n: number, completions: number, completed: Set<number>, active: KubeObject[]): number[] {
  const taken = new Set(completed);
  for (const p of active) {
    const i = podIndex(p);
    if (i !== undefined) taken.add(i);
  }
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < n; i++) if (!taken.has(i)) out.push(i);
  return out;
}
