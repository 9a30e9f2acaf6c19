import { entriesOf, isObject, listOf } from '../common/field.js';
import { formatQuantity, isInteger, tryParseQuantity } from '../common/quantity.js';

// The subset of upstream's pod warnings (pkg/api/pod/warnings.go) that manifests commonly trip.

type Obj = Record<string, any>;

const DEPRECATED_NODE_LABELS: Record<string, string> = {
  'beta.kubernetes.io/arch': 'deprecated since v1.14; use "kubernetes.io/arch" instead',
  'beta.kubernetes.io/os': 'deprecated since v1.14; use "kubernetes.io/os" instead',
  'failure-domain.beta.kubernetes.io/region': 'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
  'failure-domain.beta.kubernetes.io/zone': 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
  'beta.kubernetes.io/instance-type': 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
};

const DEPRECATED_ANNOTATIONS: Record<string, string> = {
  'scheduler.alpha.kubernetes.io/critical-pod': 'non-functional in v1.16+; use the "priorityClassName" field instead',
  'seccomp.security.alpha.kubernetes.io/pod': 'non-functional in v1.27+; use the "seccompProfile" field instead',
  'security.alpha.kubernetes.io/sysctls': 'non-functional in v1.11+; use the "sysctls" field instead',
  'security.alpha.kubernetes.io/unsafe-sysctls': 'non-functional in v1.11+; use the "sysctls" field instead',
};

/** Warnings for a pod (`prefix` "") or a template (`prefix` "spec.template"). */
export function podWarnings(meta: Obj | undefined, spec: Obj | undefined, prefix = ''): string[] {
  const at = (p: string) => (prefix ? `${prefix}.${p}` : p);
  const out: string[] = [];
  for (const [k] of entriesOf(meta?.annotations)) if (DEPRECATED_ANNOTATIONS[k]) out.push(`${at('metadata.annotations')}[${k}]: ${DEPRECATED_ANNOTATIONS[k]}`);
  if (!isObject(spec)) return out;
  for (const [k] of entriesOf(spec.nodeSelector)) if (DEPRECATED_NODE_LABELS[k]) out.push(`${at('spec.nodeSelector')}[${k}]: ${DEPRECATED_NODE_LABELS[k]}`);
  if (typeof spec.terminationGracePeriodSeconds === 'number' && spec.terminationGracePeriodSeconds < 0)
    out.push(`${at('spec.terminationGracePeriodSeconds')}: must be >= 0; negative values are invalid and will be treated as 1`);
  for (const [key, list] of [['initContainers', spec.initContainers], ['containers', spec.containers]] as const) {
    for (const [i, c] of listOf(list).entries()) {
      for (const kind of ['limits', 'requests'] as const) {
        const q = tryParseQuantity(c?.resources?.[kind]?.memory);
        if (q && !isInteger(q)) out.push(`${at(`spec.${key}[${i}].resources.${kind}`)}[memory]: fractional byte value "${formatQuantity(q)}" is invalid, must be an integer`);
      }
    }
  }
  return out;
}
