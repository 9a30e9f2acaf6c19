import type { KubeObject } from '../../../api/types.js';
import type { BehaviorTable } from '../behavior.js';
import { formatSelector } from './format.js';
import { loadBalancerAddresses } from './service.js';
import { ageColumn, ageOf, column, nameColumn, nameOf, printer } from './table.js';

/** The first three rule hosts, `*` when no rule names one. */
function ingressHosts(ing: KubeObject): string {
  const rules: Array<{ host?: string }> = ing.spec?.rules ?? [];
  const max = 3;
  const list: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (list.length === max) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (!list.length) return '*';
  return more ? `${list.join(',')} + ${rules.length - max} more...` : list.join(',');
}

const ingressTable = printer(
  [
    nameColumn,
    column('Class', 'The IngressClass that serves this ingress.'),
    column('Hosts', 'Hosts the rules match.'),
    column('Address', 'Addresses of the load balancer.'),
    column('Ports', 'Ports the ingress listens on.'),
    ageColumn,
  ],
  (ing, now) => [
    nameOf(ing),
    ing.spec?.ingressClassName ?? '<none>',
    ingressHosts(ing),
    loadBalancerAddresses(ing.status?.loadBalancer?.ingress),
    ing.spec?.tls?.length ? '80, 443' : '80',
    ageOf(ing, now),
  ],
);

function ingressClassParameters(ic: KubeObject): string {
  const p = ic.spec?.parameters;
  if (!p) return '<none>';
  return `${p.kind ?? ''}${p.apiGroup !== undefined && p.apiGroup !== null ? `.${p.apiGroup}` : ''}/${p.name ?? ''}`;
}

const ingressClassTable = printer(
  [nameColumn, column('Controller', 'The controller that implements the class.'), column('Parameters', 'The object holding extra settings.'), ageColumn],
  (ic, now) => [nameOf(ic), ic.spec?.controller ?? '', ingressClassParameters(ic), ageOf(ic, now)],
);

const networkPolicyTable = printer([nameColumn, column('Pod-Selector', 'The pods the policy applies to.'), ageColumn], (np, now) => [
  nameOf(np),
  formatSelector(np.spec?.podSelector ?? {}),
  ageOf(np, now),
]);

const serviceCIDRTable = printer([nameColumn, column('CIDRs', 'The ranges service IPs are taken from.'), ageColumn], (sc, now) => [
  nameOf(sc),
  (sc.spec?.cidrs ?? []).join(','),
  ageOf(sc, now),
]);

function parentRef(ip: KubeObject): string {
  const ref = ip.spec?.parentRef;
  if (!ref) return '<none>';
  const resource = ref.group ? `${ref.resource ?? ''}.${ref.group}` : (ref.resource ?? '');
  return `${resource.toLowerCase()}${ref.namespace ? `/${ref.namespace}` : ''}/${ref.name ?? ''}`;
}

// Upstream declares two columns but prints a third (the age) cell; kubectl ignores it.
const ipAddressTable = printer([nameColumn, column('ParentRef', 'The object the address is allocated to.')], (ip, now) => [
  nameOf(ip),
  parentRef(ip),
  ageOf(ip, now),
]);

export const networkingPrinters: BehaviorTable = {
  'networking.k8s.io/Ingress': { table: ingressTable },
  'networking.k8s.io/IngressClass': { table: ingressClassTable },
  'networking.k8s.io/NetworkPolicy': { table: networkPolicyTable },
  'networking.k8s.io/ServiceCIDR': { table: serviceCIDRTable },
  'networking.k8s.io/IPAddress': { table: ipAddressTable },
};
