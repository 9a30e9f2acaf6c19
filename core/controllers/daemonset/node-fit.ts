import type { KubeObject } from '../../api/types.js';

// Which nodes a DaemonSet's pods belong on: the template's nodeSelector and required node
// affinity, and the node's NoSchedule/NoExecute taints against the pod's tolerations. The
// scheduler has the same rules; controllers cannot import it, so the small core is repeated.

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

function requirementHolds(r: Requirement, values: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(values, r.key);
  const v = values[r.key];
  const num = (s: string | undefined) => (s !== undefined && /^-?\d+$/.test(s) ? Number(s) : undefined);
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(v);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(v);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      const a = num(v);
      const b = num(r.values?.[0]);
      if (!has || a === undefined || b === undefined) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

function termMatches(term: { matchExpressions?: Requirement[]; matchFields?: Requirement[] }, node: KubeObject): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  return exprs.every((r) => requirementHolds(r, node.metadata.labels ?? {})) && fields.every((r) => r.key === 'metadata.name' && requirementHolds(r, { 'metadata.name': node.metadata.name! }));
}

export function matchesNodeAffinity(podSpec: any, node: KubeObject): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries((podSpec?.nodeSelector ?? {}) as Record<string, string>)) if (labels[k] !== v) return false;
  const terms = podSpec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return terms ? (terms as any[]).some((t) => termMatches(t, node)) : true;
}

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

export function tolerates(tolerations: Toleration[], taint: { key: string; value?: string; effect: string }): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.key ? t.key !== taint.key : t.operator !== 'Exists') return false;
    return t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '');
  });
}

/**
 * Upstream's NodeShouldRunDaemonPod: whether a new pod should go on the node, and whether one
 * already there may stay (it may when it tolerates every NoExecute taint).
 */
export function nodeShouldRunDaemonPod(podSpec: any, node: KubeObject): { shouldRun: boolean; shouldContinue: boolean } {
  if (podSpec?.nodeName && podSpec.nodeName !== node.metadata.name) return { shouldRun: false, shouldContinue: false };
  if (!matchesNodeAffinity(podSpec, node)) return { shouldRun: false, shouldContinue: false };
  const taints = (node.spec?.taints ?? []) as Array<{ key: string; value?: string; effect: string }>;
  const tolerations = (podSpec?.tolerations ?? []) as Toleration[];
  const blocking = taints.filter((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(tolerations, t));
  if (!blocking.length) return { shouldRun: true, shouldContinue: true };
  return { shouldRun: false, shouldContinue: !blocking.some((t) => t.effect === 'NoExecute') };
}
