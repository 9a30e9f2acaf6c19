import type { KubeObject } from '../../api/types.js';

export type FailureAction = 'FailJob' | 'Ignore' | 'Count' | 'FailIndex';

export interface PolicyMatch {
  action: FailureAction;
  /** For FailJob: the FailureTarget message upstream writes. */
  message?: string;
}

interface Rule {
  action: FailureAction;
  onExitCodes?: { containerName?: string; operator: 'In' | 'NotIn'; values: number[] };
  onPodConditions?: Array<{ type: string; status?: string }>;
}

function exitCodeMatch(pod: KubeObject, req: NonNullable<Rule['onExitCodes']>): { name: string; code: number } | undefined {
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  for (const s of statuses) {
    const code = s.state?.terminated?.exitCode;
    if (code === undefined || code === 0) continue;
    if (req.containerName && req.containerName !== s.name) continue;
    const listed = req.values.includes(code);
    if (req.operator === 'In' ? listed : !listed) return { name: s.name, code };
  }
  return undefined;
}

/** The first podFailurePolicy rule a failed pod matches, as upstream's matchPodFailurePolicy. */
export function matchPodFailurePolicy(job: KubeObject, pod: KubeObject): PolicyMatch | undefined {
  const rules = (job.spec?.podFailurePolicy?.rules ?? []) as Rule[];
  const where = `${pod.metadata.namespace}/${pod.metadata.name}`;
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i];
    if (r.onExitCodes) {
      const hit = exitCodeMatch(pod, r.onExitCodes);
      if (hit) return { action: r.action, message: `Container ${hit.name} for pod ${where} failed with exit code ${hit.code} matching ${r.action} rule at index ${i}` };
    } else if (r.onPodConditions?.length) {
      const conds = (pod.status?.conditions ?? []) as Array<{ type: string; status: string }>;
      const hit = r.onPodConditions.find((want) => conds.some((c) => c.type === want.type && c.status === (want.status ?? 'True')));
      if (hit) return { action: r.action, message: `Pod ${where} has condition ${hit.type} matching ${r.action} rule at index ${i}` };
    }
  }
  return undefined;
}
