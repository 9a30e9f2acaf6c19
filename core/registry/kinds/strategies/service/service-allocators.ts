import type { KubeObject } from '../../../../api/types.js';
import { listOf } from '../common/field.js';
import { ClusterIpAllocator } from './cluster-ip-allocator.js';
import { NodePortRangeAllocator } from './node-port-allocator.js';

/**
 * What the Service strategy needs to hand out cluster IPs. Owners are "namespace/name". The
 * strategy only ever reserves (a write may still fail after admission); releasing is left to
 * whoever mirrors the committed Services (ServiceAllocators.observe).
 */
export interface IpAllocator {
  readonly ipRange: string;
  readonly firstIp: string;
  ipProblem(owner: string, ip: string): string | undefined;
  pickIp(taken?: ReadonlySet<string>): string | undefined;
  reserveIps(owner: string, ips: Iterable<string>): void;
}

/** What the Service strategy needs to hand out node ports; same contract as IpAllocator. */
export interface NodePortAllocator {
  readonly portRange: string;
  portProblem(owner: string, port: number): string | undefined;
  pickPort(taken?: ReadonlySet<number>): number | undefined;
  reservePorts(owner: string, ports: Iterable<number>): void;
}

export const serviceOwner = (svc: KubeObject): string => `${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}`;

/** The IPs and ports a stored Service occupies. */
export function serviceHoldings(svc: KubeObject): { ips: string[]; ports: number[] } {
  const spec = svc.spec ?? {};
  const ips = listOf<string>(spec.clusterIPs).filter((ip) => ip && ip !== 'None');
  if (!ips.length && spec.clusterIP && spec.clusterIP !== 'None') ips.push(spec.clusterIP);
  const ports = listOf(spec.ports).map((p) => p?.nodePort).filter((p): p is number => typeof p === 'number' && p > 0);
  if (typeof spec.healthCheckNodePort === 'number' && spec.healthCheckNodePort > 0) ports.push(spec.healthCheckNodePort);
  return { ips, ports };
}

/**
 * Both pools, kept in step with the stored Services: seed them from a list at startup, then
 * feed them every Service watch event. Events are the only thing that frees addresses and
 * ports (a deleted Service, a type change, a create that never committed once its name is reused).
 */
export class ServiceAllocators implements IpAllocator, NodePortAllocator {
  readonly ips: ClusterIpAllocator;
  readonly nodePorts: NodePortRangeAllocator;

  constructor(opts: { serviceCIDR?: string; nodePortRange?: [number, number]; random?: () => number } = {}) {
    this.ips = new ClusterIpAllocator(opts.serviceCIDR, opts.random);
    const [lo, hi] = opts.nodePortRange ?? [30000, 32767];
    this.nodePorts = new NodePortRangeAllocator(lo, hi, opts.random);
  }

  get ipRange(): string {
    return this.ips.ipRange;
  }

  get firstIp(): string {
    return this.ips.firstIp;
  }

  get portRange(): string {
    return this.nodePorts.portRange;
  }

  ipProblem(owner: string, ip: string): string | undefined {
    return this.ips.ipProblem(owner, ip);
  }

  pickIp(taken?: ReadonlySet<string>): string | undefined {
    return this.ips.pickIp(taken);
  }

  reserveIps(owner: string, ips: Iterable<string>): void {
    this.ips.reserveIps(owner, ips);
  }

  portProblem(owner: string, port: number): string | undefined {
    return this.nodePorts.portProblem(owner, port);
  }

  pickPort(taken?: ReadonlySet<number>): number | undefined {
    return this.nodePorts.pickPort(taken);
  }

  reservePorts(owner: string, ports: Iterable<number>): void {
    this.nodePorts.reservePorts(owner, ports);
  }

  /** Forgets everything and takes the given Services as the truth (startup, or a periodic repair). */
  seed(services: Iterable<KubeObject>): void {
    this.ips.clearIps();
    this.nodePorts.clearPorts();
    for (const svc of services) this.observe('ADDED', svc);
  }

  /** Mirrors one committed change: the Service now holds exactly what it stores, or nothing. */
  observe(type: 'ADDED' | 'MODIFIED' | 'DELETED', svc: KubeObject): void {
    if (type === 'DELETED') return this.release(svc);
    const owner = serviceOwner(svc);
    const { ips, ports } = serviceHoldings(svc);
    this.ips.holdIps(owner, ips);
    this.nodePorts.holdPorts(owner, ports);
  }

  release(svc: KubeObject): void {
    const owner = serviceOwner(svc);
    this.ips.releaseIps(owner);
    this.nodePorts.releasePorts(owner);
  }
}
