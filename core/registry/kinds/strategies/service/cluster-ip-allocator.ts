import { isIPv4 } from 'node:net';
import { intToIpv4, ipv4ToInt } from '../common/ip.js';
import { OwnedValues, pickFree } from './owned-values.js';

/** Hands out Service ClusterIPs from one IPv4 range (10.96.0.0/12 unless told otherwise). */
export class ClusterIpAllocator {
  readonly ipRange: string;
  private readonly base: number;
  private readonly size: number;
  private readonly offset: number;
  private readonly used = new OwnedValues<string>();

  constructor(cidr = '10.96.0.0/12', private readonly random: () => number = Math.random) {
    const [ip, bits] = cidr.split('/');
    const prefix = Number(bits);
    if (!isIPv4(ip) || !(prefix >= 1 && prefix <= 30)) throw new Error(`unsupported service CIDR ${cidr}`);
    const span = 2 ** (32 - prefix);
    const network = ipv4ToInt(ip) - (ipv4ToInt(ip) % span);
    this.ipRange = `${intToIpv4(network)}/${prefix}`;
    // The network and broadcast addresses are never handed out.
    this.base = network + 1;
    this.size = span - 2;
    this.offset = this.size <= 16 ? 0 : Math.min(Math.max(16, Math.floor(span / 16)), 256);
  }

  /** The range's first address, which belongs to the `kubernetes` Service. */
  get firstIp(): string {
    return intToIpv4(this.base);
  }

  contains(ip: string): boolean {
    if (!isIPv4(ip)) return false;
    const n = ipv4ToInt(ip);
    return n >= this.base && n < this.base + this.size;
  }

  /** Why `ip` cannot go to `owner`, in the allocator's words; undefined when it can. */
  ipProblem(owner: string, ip: string): string | undefined {
    if (!this.contains(ip)) return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.ipRange}`;
    const holder = this.used.ownerOf(ip);
    return holder !== undefined && holder !== owner ? 'provided IP is already allocated' : undefined;
  }

  pickIp(taken: ReadonlySet<string> = new Set()): string | undefined {
    const idx = pickFree(this.size, this.offset, (i) => {
      const ip = intToIpv4(this.base + i);
      return !this.used.has(ip) && !taken.has(ip);
    }, this.random);
    return idx === undefined ? undefined : intToIpv4(this.base + idx);
  }

  reserveIps(owner: string, ips: Iterable<string>): void {
    this.used.add(owner, [...ips].filter((ip) => this.contains(ip)));
  }

  holdIps(owner: string, ips: Iterable<string>): void {
    this.used.hold(owner, [...ips].filter((ip) => this.contains(ip)));
  }

  releaseIps(owner: string): void {
    this.used.release(owner);
  }

  clearIps(): void {
    this.used.clear();
  }
}
