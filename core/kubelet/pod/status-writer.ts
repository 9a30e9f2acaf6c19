import type { KubeObject } from '../../api/types.js';
import { isConflict, isNotFound, type Client } from '../../client/index.js';
import type { Clock } from '../../util/clock.js';
import type { MirrorPods } from '../static/mirror-pods.js';
import { mergeConditions } from './pod-status.js';

/** Status fields the kubelet owns; anything else in status (nominatedNodeName, resize, …) is left alone. */
const OWNED = ['observedGeneration', 'phase', 'conditions', 'hostIP', 'hostIPs', 'podIP', 'podIPs', 'startTime', 'initContainerStatuses', 'containerStatuses', 'qosClass'];

/** Writes pod status through the API, skipping writes that would change nothing. */
export class StatusWriter {
  constructor(private readonly config: { client: Client; clock: Clock; mirrors: MirrorPods }) {}

  async write(pod: KubeObject, status: Record<string, any>): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const target = this.target(pod);
      if (!target) return;
      const next: Record<string, any> = {};
      for (const [k, v] of Object.entries(target.status ?? {})) if (!OWNED.includes(k)) next[k] = v;
      Object.assign(next, status, { conditions: mergeConditions(target.status?.conditions, status.conditions, this.config.clock.now()) });
      if (sameJson(next, target.status ?? {})) return;
      try {
        await this.config.client.updateStatus({ ...target, status: next });
        return;
      } catch (err) {
        if (isNotFound(err)) return;
        if (!isConflict(err)) throw err;
      }
    }
  }

  private target(pod: KubeObject): KubeObject | undefined {
    if (pod.metadata.annotations?.['kubernetes.io/config.source'] === 'file') return this.config.mirrors.find(pod);
    const cur = this.config.client.find('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!);
    return cur && cur.metadata.uid === pod.metadata.uid ? cur : undefined;
  }
}

/** Deep equality ignoring key order (the registry may reorder what it stores). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b || (a == null && b == null);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameJson(x, bb[i]));
  }
  const ka = Object.keys(a as object).filter((k) => (a as any)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as any)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as any)[k], (b as any)[k]));
}
