import type { KubeObject } from '../api/types.js';
import { canonicalJson } from './canonical-json.js';

/** Whether a pod changed in a way that could change where it fits (not just its status). */
export function specChanged(pod: KubeObject, old: KubeObject): boolean {
  const view = (p: KubeObject) => canonicalJson({ spec: p.spec, labels: p.metadata.labels, annotations: p.metadata.annotations });
  return view(pod) !== view(old);
}

/** Node heartbeats change every few seconds; only what scheduling reads should wake parked pods. */
export function nodeChangeMatters(node: KubeObject, old: KubeObject): boolean {
  const view = (n: KubeObject) =>
    canonicalJson({
      labels: n.metadata.labels,
      spec: { unschedulable: n.spec?.unschedulable, taints: n.spec?.taints },
      allocatable: n.status?.allocatable ?? n.status?.capacity,
      ready: ((n.status?.conditions ?? []) as Array<{ type: string; status: string }>).find((c) => c.type === 'Ready')?.status,
    });
  return view(node) !== view(old);
}
