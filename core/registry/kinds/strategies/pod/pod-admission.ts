import { forbidden } from '../../../../api/errors.js';
import type { KubeObject } from '../../../../api/types.js';
import { isObject, listOf } from '../common/field.js';
import type { ObjectLookup } from '../lookup.js';
import { mountServiceAccountToken } from './service-account-token.js';

// The mutating admission upstream runs on every new pod (ServiceAccount, DefaultTolerationSeconds,
// Priority). Without a lookup only the parts that need no other object apply.

type Obj = Record<string, any>;

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const SYSTEM_PRIORITIES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

export function admitNewPod(pod: KubeObject, lookup?: ObjectLookup): void {
  const spec = pod.spec as Obj;
  if (!isObject(spec)) return;
  const ns = pod.metadata.namespace ?? '';
  const name = pod.metadata.name ?? pod.metadata.generateName ?? '';
  const deny = (why: string) => forbidden(`pods "${name}" is forbidden: ${why}`, { name, kind: 'pods' });
  const accountName = spec.serviceAccountName || 'default';
  const account = lookup?.get('', 'ServiceAccount', ns, accountName);
  // The default account appears shortly after its namespace; pods created meanwhile still run.
  if (lookup && !account && accountName !== 'default')
    throw deny(`error looking up service account ${ns}/${accountName}: serviceaccount "${accountName}" not found`);
  mountServiceAccountToken(pod, account);
  addDefaultTolerations(spec);
  applyPriority(spec, lookup, deny);
}

/** DefaultTolerationSeconds: ride out a not-ready or unreachable node for five minutes. */
export function addDefaultTolerations(spec: Obj): void {
  const tolerations = listOf(spec.tolerations);
  const tolerates = (key: string) => tolerations.some((t) => (t?.key === key || !t?.key) && (t?.effect === 'NoExecute' || !t?.effect));
  const extra: Obj[] = [];
  if (!tolerates(NOT_READY)) extra.push({ key: NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  if (!tolerates(UNREACHABLE)) extra.push({ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  if (extra.length) spec.tolerations = [...tolerations, ...extra];
}

function applyPriority(spec: Obj, lookup: ObjectLookup | undefined, deny: (why: string) => Error): void {
  let priority = 0;
  let policy: string | undefined = 'PreemptLowerPriority';
  const className = spec.priorityClassName as string | undefined;
  if (!className) {
    const fallback = lookup?.list('scheduling.k8s.io', 'PriorityClass').find((pc) => pc.globalDefault === true);
    if (fallback) {
      spec.priorityClassName = fallback.metadata.name;
      priority = fallback.value ?? 0;
      policy = fallback.preemptionPolicy;
    }
  } else {
    const pc = lookup?.get('scheduling.k8s.io', 'PriorityClass', undefined, className);
    if (pc) {
      priority = pc.value ?? 0;
      policy = pc.preemptionPolicy;
    } else if (className in SYSTEM_PRIORITIES) {
      priority = SYSTEM_PRIORITIES[className];
    } else if (lookup) {
      throw deny(`no PriorityClass with name ${className} was found`);
    }
  }
  if (typeof spec.priority === 'number' && spec.priority !== priority)
    throw deny(`the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
  spec.priority = priority;
  if (policy) {
    if (spec.preemptionPolicy && spec.preemptionPolicy !== policy)
      throw deny(`the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
    spec.preemptionPolicy = policy;
  }
}
