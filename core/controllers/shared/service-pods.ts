import type { KubeObject } from '../../api/types.js';
import { isPodReady, isPodTerminal } from './pod-state.js';

/** A Service port resolved against one pod: a number, or the pod's container port of that name. */
export function resolveTargetPort(svcPort: any, pod: KubeObject): number | undefined {
  const target = svcPort.targetPort ?? svcPort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(String(target))) return Number(target);
  const protocol = svcPort.protocol ?? 'TCP';
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c: any) => c.restartPolicy === 'Always')];
  for (const c of containers) for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  return undefined;
}

export interface ResolvedPort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

/** The Service's ports as one pod serves them; a named port the pod lacks is left out. */
export function podPorts(svc: KubeObject, pod: KubeObject): ResolvedPort[] {
  const out: ResolvedPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = resolveTargetPort(sp, pod);
    if (port === undefined) continue;
    out.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
  }
  return out;
}

/** Upstream's ShouldPodBeInEndpoints: an IP, not finished, and (unless asked) not terminating. */
export function podBelongsInEndpoints(pod: KubeObject, includeTerminating: boolean): boolean {
  if (!pod.status?.podIP) return false;
  if (isPodTerminal(pod)) return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

export function podServes(svc: KubeObject, pod: KubeObject): boolean {
  return !!svc.spec?.publishNotReadyAddresses || isPodReady(pod);
}

/** A pod's hostname counts for the Service when the pod names it as its subdomain. */
export function podHostname(svc: KubeObject, pod: KubeObject): string | undefined {
  return pod.spec?.hostname && pod.spec?.subdomain === svc.metadata.name ? pod.spec.hostname : undefined;
}

export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

export function isHeadless(svc: KubeObject): boolean {
  return svc.spec?.clusterIP === 'None';
}
