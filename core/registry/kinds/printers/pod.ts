import type { KubeObject } from '../../../api/types.js';
import type { KindBehavior } from '../behavior.js';
import { summarizePod } from './pod-status.js';
import { ageColumn, ageOf, column, nameColumn, nameOf, printer, wide } from './table.js';

/** The primary pod IP: status.podIP wins over podIPs, as in the v1 conversion. */
export function podIP(pod: KubeObject): string {
  return pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || '';
}

function readinessGates(pod: KubeObject): string {
  const gates: Array<{ conditionType?: string }> = pod.spec?.readinessGates ?? [];
  if (!gates.length) return '<none>';
  const conditions: Array<{ type?: string; status?: string }> = pod.status?.conditions ?? [];
  const met = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${met}/${gates.length}`;
}

const podTable = printer(
  [
    nameColumn,
    column('Ready', 'Ready containers out of all containers.'),
    column('Status', 'A one-word summary of the pod and its containers.'),
    column('Restarts', 'Container restarts, and how long ago the last one was.'),
    ageColumn,
    wide('IP', 'The primary pod IP.'),
    wide('Node', 'The node the pod is bound to.'),
    wide('Nominated Node', 'The node preemption made room on.'),
    wide('Readiness Gates', 'Readiness gates that are met out of all gates.'),
  ],
  (pod, now) => {
    const s = summarizePod(pod, now);
    return [
      nameOf(pod),
      s.ready,
      s.reason,
      s.restarts,
      ageOf(pod, now),
      podIP(pod) || '<none>',
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGates(pod),
    ];
  },
);

export const podBehavior: KindBehavior = {
  table: podTable,
  fieldSelectors: {
    'spec.nodeName': (p) => p.spec?.nodeName,
    // Old clients still send spec.host; upstream rewrites it to spec.nodeName.
    'spec.host': (p) => p.spec?.nodeName,
    'spec.restartPolicy': (p) => p.spec?.restartPolicy,
    'spec.schedulerName': (p) => p.spec?.schedulerName,
    'spec.serviceAccountName': (p) => p.spec?.serviceAccountName,
    'spec.hostNetwork': (p) => String(p.spec?.hostNetwork === true),
    'status.phase': (p) => p.status?.phase,
    'status.podIP': podIP,
    // Accepted by upstream's label conversion but never filled in, so it only ever equals ''.
    'status.podIPs': () => undefined,
    'status.nominatedNodeName': (p) => p.status?.nominatedNodeName,
  },
};
