import type { KubeObject } from '../../api/types.js';
import { canonicalJson } from '../shared/hash.js';
import { podBelongsInEndpoints, podHostname, podPorts, podServes, type ResolvedPort } from '../shared/service-pods.js';

interface Address {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
}

/**
 * The subsets of a Service's Endpoints, packed as upstream's RepackSubsets does: addresses
 * that serve the same ports share a subset; ready and not-ready addresses apart; sorted.
 */
export function endpointSubsets(svc: KubeObject, pods: KubeObject[]): any[] {
  const groups = new Map<string, { ports: ResolvedPort[]; ready: Address[]; notReady: Address[] }>();
  const headlessNoPorts = !(svc.spec?.ports ?? []).length && svc.spec?.clusterIP === 'None';
  for (const pod of pods) {
    if (!podBelongsInEndpoints(pod, !!svc.spec?.publishNotReadyAddresses)) continue;
    const ports = podPorts(svc, pod).map(({ name, port, protocol, appProtocol }) => ({ ...(name ? { name } : {}), port, protocol, ...(appProtocol ? { appProtocol } : {}) }) as ResolvedPort);
    if (!ports.length && !headlessNoPorts) continue;
    const addr: Address = {
      ip: pod.status.podIP,
      ...(podHostname(svc, pod) ? { hostname: podHostname(svc, pod) } : {}),
      ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name!, uid: pod.metadata.uid! },
    };
    const sorted = [...ports].sort((a, b) => canonicalJson(a).localeCompare(canonicalJson(b)));
    const key = canonicalJson(sorted);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports: sorted, ready: [], notReady: [] }));
    (podServes(svc, pod) && !pod.metadata.deletionTimestamp ? g.ready : g.notReady).push(addr);
  }
  const byIp = (a: Address, b: Address) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, g]) => ({
      ...(g.ready.length ? { addresses: g.ready.sort(byIp) } : {}),
      ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(byIp) } : {}),
      ...(g.ports.length ? { ports: g.ports } : {}),
    }));
}
