import type { KubeObject } from '../../../api/types.js';
import type { BehaviorTable } from '../behavior.js';
import { ageColumn, ageOf, column, nameColumn, nameOf, printer, wide } from './table.js';

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

/** Roles from `node-role.kubernetes.io/<role>` keys and the legacy `kubernetes.io/role` value. */
export function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === ROLE_LABEL && v) roles.add(v);
  }
  return [...roles].sort().join(',') || '<none>';
}

/** Ready / NotReady / Unknown from the Ready condition, plus SchedulingDisabled when cordoned. */
export function nodeStatus(node: KubeObject): string {
  // A repeated condition type counts by its last entry, as upstream's map does.
  const conditions: Array<{ type?: string; status?: string }> = node.status?.conditions ?? [];
  const ready = conditions.findLast((c) => c.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function address(node: KubeObject, type: string): string {
  return (node.status?.addresses ?? []).find((a: { type?: string }) => a.type === type)?.address ?? '<none>';
}

const nodeTable = printer(
  [
    nameColumn,
    column('Status', 'Whether the node is ready and schedulable.'),
    column('Roles', 'Roles from the node-role labels.'),
    ageColumn,
    column('Version', 'The kubelet version.'),
    wide('Internal-IP', 'The first internal address.'),
    wide('External-IP', 'The first external address.'),
    wide('OS-Image', 'The operating system image.'),
    wide('Kernel-Version', 'The kernel version.'),
    wide('Container-Runtime', 'The container runtime and its version.'),
  ],
  (node, now) => {
    const info = node.status?.nodeInfo ?? {};
    return [
      nameOf(node),
      nodeStatus(node),
      nodeRoles(node),
      ageOf(node, now),
      info.kubeletVersion ?? '',
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ];
  },
);

const namespaceTable = printer([nameColumn, column('Status', 'The lifecycle phase of the namespace.'), ageColumn], (ns, now) => [
  nameOf(ns),
  ns.status?.phase ?? '',
  ageOf(ns, now),
]);

const componentStatusTable = printer(
  [nameColumn, column('Status', 'Whether the component reports healthy.'), column('Message', 'The health message.'), column('Error', 'The health check error.')],
  (cs) => {
    const healthy = (cs.conditions ?? []).find((c: { type?: string }) => c.type === 'Healthy');
    const status = healthy ? (healthy.status === 'True' ? 'Healthy' : 'Unhealthy') : 'Unknown';
    return [nameOf(cs), status, healthy?.message ?? '', healthy?.error ?? ''];
  },
);

export const nodePrinters: BehaviorTable = {
  '/Node': { table: nodeTable, fieldSelectors: { 'spec.unschedulable': (n) => String(n.spec?.unschedulable === true) } },
  '/Namespace': { table: namespaceTable, fieldSelectors: { 'status.phase': (ns) => ns.status?.phase } },
  '/ComponentStatus': { table: componentStatusTable },
};
