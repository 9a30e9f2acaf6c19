import type { KubeObject } from '../api/types.js';
import { nodeAllocatable, podHostPorts, podRequests, type HostPort, type ResourceList } from './resources.js';

/** What one pod takes from its node: computed once, added and removed in O(1). */
export interface PodAccount {
  key: string;
  requests: ResourceList;
  nonZero: ResourceList;
  ports: HostPort[];
  assumed: boolean;
}

export function podKey(pod: KubeObject): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

export function accountFor(pod: KubeObject, assumed = false): PodAccount {
  return { key: podKey(pod), requests: podRequests(pod), nonZero: podRequests(pod, true), ports: podHostPorts(pod), assumed };
}

/** A node and the running totals of the pods on it (upstream's NodeInfo). */
export class NodeInfo {
  node?: KubeObject;
  allocatable: ResourceList = {};
  readonly pods = new Map<string, PodAccount>();
  readonly requested: ResourceList = {};
  readonly nonZeroRequested: ResourceList = { cpu: 0, memory: 0 };
  /** `protocol/port` → host IPs in use, with counts. */
  private readonly usedPorts = new Map<string, Map<string, number>>();

  constructor(readonly name: string) {}

  setNode(node: KubeObject): void {
    this.node = node;
    this.allocatable = nodeAllocatable(node);
  }

  add(acc: PodAccount): void {
    this.remove(acc.key);
    this.pods.set(acc.key, acc);
    this.apply(acc, 1);
  }

  remove(key: string): PodAccount | undefined {
    const acc = this.pods.get(key);
    if (!acc) return undefined;
    this.pods.delete(key);
    this.apply(acc, -1);
    return acc;
  }

  private apply(acc: PodAccount, sign: 1 | -1): void {
    for (const [k, v] of Object.entries(acc.requests)) this.requested[k] = (this.requested[k] ?? 0) + sign * v;
    for (const [k, v] of Object.entries(acc.nonZero)) this.nonZeroRequested[k] = (this.nonZeroRequested[k] ?? 0) + sign * v;
    for (const p of acc.ports) {
      const slot = `${p.protocol}/${p.port}`;
      let ips = this.usedPorts.get(slot);
      if (!ips) this.usedPorts.set(slot, (ips = new Map()));
      const n = (ips.get(p.ip) ?? 0) + sign;
      if (n > 0) ips.set(p.ip, n);
      else ips.delete(p.ip);
      if (!ips.size) this.usedPorts.delete(slot);
    }
  }

  /** Upstream's HostPortInfo.CheckConflict: 0.0.0.0 overlaps every address. */
  portConflict(p: HostPort): boolean {
    const ips = this.usedPorts.get(`${p.protocol}/${p.port}`);
    if (!ips) return false;
    if (p.ip === '0.0.0.0') return ips.size > 0;
    return ips.has('0.0.0.0') || ips.has(p.ip);
  }
}

function assigned(pod: KubeObject): boolean {
  return !!pod.spec?.nodeName;
}

function counts(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return assigned(pod) && phase !== 'Succeeded' && phase !== 'Failed';
}

/**
 * The scheduler's view of every node with the pods on it. Pods bound to a node not yet seen are
 * kept under a placeholder so they count once the node appears.
 */
export class NodeCache {
  private readonly infos = new Map<string, NodeInfo>();
  private readonly podNode = new Map<string, string>();

  private info(name: string): NodeInfo {
    let i = this.infos.get(name);
    if (!i) this.infos.set(name, (i = new NodeInfo(name)));
    return i;
  }

  upsertNode(node: KubeObject): void {
    this.info(node.metadata.name!).setNode(node);
  }

  removeNode(name: string): void {
    const i = this.infos.get(name);
    if (!i) return;
    i.node = undefined;
    if (!i.pods.size) this.infos.delete(name);
  }

  /** Adds, moves or drops a pod's accounting after a watch event. */
  updatePod(pod: KubeObject): void {
    const key = podKey(pod);
    if (!counts(pod)) return this.removePod(key);
    const nodeName = pod.spec.nodeName as string;
    const prev = this.podNode.get(key);
    if (prev && prev !== nodeName) this.infos.get(prev)?.remove(key);
    this.podNode.set(key, nodeName);
    this.info(nodeName).add(accountFor(pod));
  }

  removePod(key: string): void {
    const prev = this.podNode.get(key);
    if (!prev) return;
    this.podNode.delete(key);
    const i = this.infos.get(prev);
    i?.remove(key);
    if (i && !i.node && !i.pods.size) this.infos.delete(prev);
  }

  /** Counts a pod on the node it is being bound to before the binding is acknowledged. */
  assume(pod: KubeObject, nodeName: string): void {
    const key = podKey(pod);
    this.removePod(key);
    this.podNode.set(key, nodeName);
    this.info(nodeName).add(accountFor(pod, true));
  }

  /** Undoes `assume` when the binding failed, unless the watch has confirmed it meanwhile. */
  forget(key: string): void {
    const nodeName = this.podNode.get(key);
    if (nodeName && this.infos.get(nodeName)?.pods.get(key)?.assumed) this.removePod(key);
  }

  nodes(): NodeInfo[] {
    const out: NodeInfo[] = [];
    for (const i of this.infos.values()) if (i.node) out.push(i);
    return out;
  }

  get(name: string): NodeInfo | undefined {
    return this.infos.get(name);
  }
}
