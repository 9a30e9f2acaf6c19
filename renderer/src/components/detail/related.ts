// Which objects belong to which: owners from ownerReferences, owned objects by their owner's
// UID (two levels for Deployments, whose pods belong to ReplicaSets), a Service's pods by its
// selector.
import type { KubeObject } from '../../bridge/index.js';

export interface ChildKind {
  apiVersion: string;
  kind: string;
}

export function childKinds(kind: string | undefined): ChildKind[] {
  switch (kind) {
    case 'Deployment':
      return [{ apiVersion: 'apps/v1', kind: 'ReplicaSet' }, { apiVersion: 'v1', kind: 'Pod' }];
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
    case 'Service':
      return [{ apiVersion: 'v1', kind: 'Pod' }];
    case 'CronJob':
      return [{ apiVersion: 'batch/v1', kind: 'Job' }, { apiVersion: 'v1', kind: 'Pod' }];
    default:
      return [];
  }
}

function selects(selector: Record<string, string> | undefined, o: KubeObject): boolean {
  if (!selector || !Object.keys(selector).length) return false;
  const labels = o.metadata.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** Objects owned by `owner`, directly or through one owned object in between. */
export function ownedBy(owner: KubeObject, candidates: KubeObject[]): KubeObject[] {
  if (owner.kind === 'Service') return candidates.filter((o) => o.kind === 'Pod' && selects(owner.spec?.selector, o));
  const direct = new Set<string>([owner.metadata.uid ?? '']);
  const out: KubeObject[] = [];
  // Two passes: children first, then their children.
  for (let pass = 0; pass < 2; pass++)
    for (const o of candidates) {
      if (out.includes(o)) continue;
      if ((o.metadata.ownerReferences ?? []).some((r) => direct.has(r.uid))) {
        out.push(o);
        if (o.metadata.uid) direct.add(o.metadata.uid);
      }
    }
  return out;
}
