// The overview's counts of workloads by state, from the same status rules the lists use.
import type { KubeObject } from '../bridge/index.js';
import type { KindSpec, Tone } from '../kinds/index.js';

export interface Count {
  text: string;
  tone: Tone;
  n: number;
}

/** How many objects of a kind are in each state, worst states first. */
export function countByStatus(items: KubeObject[], spec: KindSpec): Count[] {
  const order: Tone[] = ['bad', 'warn', 'info', 'ok', 'idle'];
  const counts = new Map<string, Count>();
  for (const o of items) {
    const s = spec.status?.(o) ?? { text: 'Present', tone: 'idle' as Tone };
    const c = counts.get(s.text) ?? { text: s.text, tone: s.tone, n: 0 };
    c.n++;
    counts.set(s.text, c);
  }
  return [...counts.values()].sort((a, b) => order.indexOf(a.tone) - order.indexOf(b.tone) || b.n - a.n);
}

export function latestWarnings(events: KubeObject[], limit: number): KubeObject[] {
  const at = (e: KubeObject) => Date.parse(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '') || 0;
  return events.filter((e) => e.type === 'Warning').sort((a, b) => at(b) - at(a)).slice(0, limit);
}
