import { OwnedValues, pickFree } from './owned-values.js';

/** Hands out NodePorts (and health-check node ports) from 30000-32767 unless told otherwise. */
export class NodePortRangeAllocator {
  readonly portRange: string;
  private readonly size: number;
  private readonly offset: number;
  private readonly used = new OwnedValues<number>();

  constructor(readonly minPort = 30000, readonly maxPort = 32767, private readonly random: () => number = Math.random) {
    this.portRange = `${minPort}-${maxPort}`;
    this.size = maxPort - minPort + 1;
    this.offset = this.size <= 16 ? 0 : Math.min(Math.max(16, Math.floor(this.size / 32)), 128);
  }

  portProblem(owner: string, port: number): string | undefined {
    if (!(Number.isInteger(port) && port >= this.minPort && port <= this.maxPort))
      return `provided port is not in the valid range. The range of valid ports is ${this.portRange}`;
    const holder = this.used.ownerOf(port);
    return holder !== undefined && holder !== owner ? 'provided port is already allocated' : undefined;
  }

  pickPort(taken: ReadonlySet<number> = new Set()): number | undefined {
    const idx = pickFree(this.size, this.offset, (i) => !this.used.has(this.minPort + i) && !taken.has(this.minPort + i), this.random);
    return idx === undefined ? undefined : this.minPort + idx;
  }

  reservePorts(owner: string, ports: Iterable<number>): void {
    this.used.add(owner, [...ports].filter((p) => p >= this.minPort && p <= this.maxPort));
  }

  holdPorts(owner: string, ports: Iterable<number>): void {
    this.used.hold(owner, [...ports].filter((p) => p >= this.minPort && p <= this.maxPort));
  }

  releasePorts(owner: string): void {
    this.used.release(owner);
  }

  clearPorts(): void {
    this.used.clear();
  }
}
