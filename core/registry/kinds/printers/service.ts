import type { KubeObject } from '../../../api/types.js';
import type { KindBehavior } from '../behavior.js';
import { formatLabels } from './format.js';
import { ageColumn, ageOf, column, nameColumn, nameOf, printer, wide } from './table.js';

interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
}

/** Load balancer addresses, de-duplicated and sorted; the server never clips them. */
export function loadBalancerAddresses(ingress: LoadBalancerIngress[] | undefined): string {
  const set = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort().join(',');
}

function serviceType(svc: KubeObject): string {
  return svc.spec?.type ?? 'ClusterIP';
}

function externalIP(svc: KubeObject): string {
  const external: string[] = svc.spec?.externalIPs ?? [];
  switch (serviceType(svc)) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerAddresses(svc.status?.loadBalancer?.ingress);
      if (external.length) return [...(lb ? lb.split(',') : []), ...external].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

function ports(svc: KubeObject): string {
  const list: Array<{ port?: number; nodePort?: number; protocol?: string }> = svc.spec?.ports ?? [];
  const text = list.map((p) => (p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}` : `${p.port}`) + `/${p.protocol ?? 'TCP'}`).join(',');
  return text || '<none>';
}

function clusterIP(svc: KubeObject): string {
  return svc.spec?.clusterIPs?.[0] || svc.spec?.clusterIP || '';
}

const serviceTable = printer(
  [
    nameColumn,
    column('Type', 'How the service is exposed.'),
    column('Cluster-IP', 'The virtual IP inside the cluster.'),
    column('External-IP', 'Addresses reachable from outside the cluster.'),
    column('Port(s)', 'Service ports, with the node port when there is one.'),
    ageColumn,
    wide('Selector', 'The labels of the pods behind the service.'),
  ],
  (svc, now) => [nameOf(svc), serviceType(svc), clusterIP(svc) || '<none>', externalIP(svc), ports(svc), ageOf(svc, now), formatLabels(svc.spec?.selector)],
);

export const serviceBehavior: KindBehavior = {
  table: serviceTable,
  fieldSelectors: {
    'spec.clusterIP': clusterIP,
    'spec.type': serviceType,
  },
};
