import type { KubeObject } from '../../api/types.js';
import { canonicalJson } from '../shared/hash.js';
import { podBelongsInEndpoints, podHostname, podPorts, podServes, type ResolvedPort } from '../shared/service-pods.js';

/** Upstream's maxEndpointsPerSlice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface SliceContent {
  ports: ResolvedPort[];
  endpoints: any[];
}

/**
 * A Service's endpoints grouped by the ports they serve (pods that resolve named ports
 * differently land in different slices), each group chunked to MAX_ENDPOINTS_PER_SLICE.
 * Terminating pods stay listed with ready=false, serving as their readiness says.
 */
export function desiredSlices(svc: KubeObject, pods: KubeObject[], zoneOf: (node: string) => string | undefined): SliceContent[] {
  const groups = new Map<string, SliceContent>();
  for (const pod of pods) {
    if (!podBelongsInEndpoints(pod, true)) continue;
    const ports = podPorts(svc, pod).sort((a, b) => canonicalJson(a).localeCompare(canonicalJson(b)));
    const key = canonicalJson(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, endpoints: [] }));
    const serving = podServes(svc, pod);
    const terminating = !!pod.metadata.deletionTimestamp;
    const node = pod.spec?.nodeName as string | undefined;
    const zone = node ? zoneOf(node) : undefined;
    const hostname = podHostname(svc, pod);
    g.endpoints.push({
      addresses: [pod.status.podIP],
      conditions: { ready: serving && !terminating, serving, terminating },
      ...(hostname ? { hostname } : {}),
      targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
      ...(node ? { nodeName: node } : {}),
      ...(zone ? { zone } : {}),
    });
  }
  const out: SliceContent[] = [];
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!;
    g.endpoints.sort((a, b) => (a.targetRef.name < b.targetRef.name ? -1 : 1));
    for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) out.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
  }
  return out;
}
