import type { KubeObject } from '../../api/types.js';
import { REVISION_HASH_LABEL } from '../shared/controller-history.js';
import { podFromTemplate } from '../shared/pod-template.js';

export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

/** The tolerations upstream adds to every daemon pod, so node conditions never evict or block it. */
export function daemonTolerations(template: any): any[] {
  const add = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ...(template?.spec?.hostNetwork ? [{ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' }] : []),
  ];
  const existing = (template?.spec?.tolerations ?? []) as any[];
  const same = (a: any, b: any) => a.key === b.key && a.effect === b.effect && (a.operator ?? 'Equal') === b.operator;
  return [...existing, ...add.filter((t) => !existing.some((e) => same(e, t)))];
}

/** The template's pod spec as the controller runs it: with the daemon tolerations (used for node checks too). */
export function daemonPodSpec(template: any): any {
  return { ...(template?.spec ?? {}), tolerations: daemonTolerations(template) };
}

/** Upstream's ReplaceDaemonSetPodNodeNameNodeAffinity: the pod may only go to its node. */
function pinToNode(affinity: any, node: string): any {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] };
  const a = structuredClone(affinity ?? {});
  a.nodeAffinity = { ...(a.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } };
  return a;
}

export function newDaemonPod(ds: KubeObject, template: any, hash: string, node: string): KubeObject {
  const pod = podFromTemplate(template, ds, { extraLabels: { [REVISION_HASH_LABEL]: hash, [TEMPLATE_GENERATION_LABEL]: String(ds.metadata.generation ?? 1) } });
  pod.spec = { ...daemonPodSpec(template), affinity: pinToNode(template?.spec?.affinity, node) };
  return pod;
}

/** Upstream's GetTargetNodeName: the bound node, else the one the pinning affinity names. */
export function targetNode(pod: KubeObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}
