import type { KubeObject } from '../api/types.js';
import { milliValue, unitValue } from './quantity.js';

/** Resource amounts: `cpu` in millicores, everything else in whole units. */
export type ResourceList = Record<string, number>;

/** Upstream's defaults for containers without requests, used for scoring only. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export function toResourceList(src: Record<string, string | number> | undefined): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(src ?? {})) {
    const n = k === 'cpu' ? milliValue(v) : unitValue(v);
    if (!Number.isNaN(n)) out[k] = n;
  }
  return out;
}

interface Container {
  name?: string;
  restartPolicy?: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  ports?: Array<{ hostPort?: number; hostIP?: string; protocol?: string; containerPort?: number }>;
}

/** A container's requests; a limit without a request counts as the request (the API server defaults it so). */
function containerRequests(c: Container): ResourceList {
  return toResourceList({ ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) });
}

function addInto(into: ResourceList, add: ResourceList): void {
  for (const [k, v] of Object.entries(add)) into[k] = (into[k] ?? 0) + v;
}

function maxInto(into: ResourceList, other: ResourceList): void {
  for (const [k, v] of Object.entries(other)) if (v > (into[k] ?? 0)) into[k] = v;
}

/**
 * What a pod asks a node for, as upstream's PodRequests computes it: app containers and sidecars
 * (restartable init containers) run together; each regular init container runs alone beside the
 * sidecars started before it; the pod needs the larger of the two, plus its overhead.
 */
export function podRequests(pod: KubeObject, nonZero = false): ResourceList {
  const req = (c: Container): ResourceList => {
    const r = containerRequests(c);
    if (nonZero) return { cpu: r.cpu || DEFAULT_MILLI_CPU_REQUEST, memory: r.memory || DEFAULT_MEMORY_REQUEST };
    return r;
  };
  const total: ResourceList = {};
  for (const c of (pod.spec?.containers ?? []) as Container[]) addInto(total, req(c));
  const sidecars: ResourceList = {};
  const initMax: ResourceList = {};
  for (const c of (pod.spec?.initContainers ?? []) as Container[]) {
    const r = req(c);
    if (c.restartPolicy === 'Always') {
      addInto(total, r);
      addInto(sidecars, r);
      maxInto(initMax, sidecars);
    } else {
      const during: ResourceList = { ...sidecars };
      addInto(during, r);
      maxInto(initMax, during);
    }
  }
  maxInto(total, initMax);
  if (!nonZero) addInto(total, toResourceList(pod.spec?.overhead));
  else {
    const oh = toResourceList(pod.spec?.overhead);
    total.cpu += oh.cpu ?? 0;
    total.memory += oh.memory ?? 0;
  }
  return total;
}

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** Host ports the pod's containers and sidecars bind. */
export function podHostPorts(pod: KubeObject): HostPort[] {
  const out: HostPort[] = [];
  const containers = [...((pod.spec?.containers ?? []) as Container[]), ...((pod.spec?.initContainers ?? []) as Container[]).filter((c) => c.restartPolicy === 'Always')];
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}

/** What the node offers pods: allocatable, else capacity. */
export function nodeAllocatable(node: KubeObject): ResourceList {
  return toResourceList(node.status?.allocatable ?? node.status?.capacity);
}
