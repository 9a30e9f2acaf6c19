/**
 * Which owner holds which value (an IP, a port). Holdings are replaced wholesale per owner, so a
 * service's entry always mirrors its last write and a failed write heals on the next one.
 */
export class OwnedValues<T extends string | number> {
  private readonly owners = new Map<T, string>();
  private readonly held = new Map<string, Set<T>>();

  ownerOf(value: T): string | undefined {
    return this.owners.get(value);
  }

  has(value: T): boolean {
    return this.owners.has(value);
  }

  /** Makes `values` exactly what `owner` holds; a value held by someone else moves to `owner`. */
  hold(owner: string, values: Iterable<T>): void {
    this.release(owner);
    const mine = new Set(values);
    if (!mine.size) return;
    for (const v of mine) {
      const prev = this.owners.get(v);
      if (prev !== undefined && prev !== owner) this.held.get(prev)?.delete(v);
      this.owners.set(v, owner);
    }
    this.held.set(owner, mine);
  }

  /** Adds to what `owner` holds, keeping the rest; values held by someone else are left alone. */
  add(owner: string, values: Iterable<T>): void {
    const mine = this.held.get(owner) ?? new Set<T>();
    for (const v of values) {
      if (this.owners.has(v) && this.owners.get(v) !== owner) continue;
      this.owners.set(v, owner);
      mine.add(v);
    }
    if (mine.size) this.held.set(owner, mine);
  }

  release(owner: string): void {
    for (const v of this.held.get(owner) ?? []) if (this.owners.get(v) === owner) this.owners.delete(v);
    this.held.delete(owner);
  }

  clear(): void {
    this.owners.clear();
    this.held.clear();
  }

  get size(): number {
    return this.owners.size;
  }
}

/**
 * Upstream's allocation order: random picks from above a small static band first (so addresses
 * and ports people choose by hand rarely collide with dynamic ones), then from the band itself.
 */
export function pickFree(size: number, offset: number, free: (index: number) => boolean, random: () => number): number | undefined {
  const scan = (lo: number, hi: number): number | undefined => {
    if (hi <= lo) return undefined;
    const start = lo + Math.floor(random() * (hi - lo));
    for (let i = 0; i < hi - lo; i++) {
      const idx = lo + ((start - lo + i) % (hi - lo));
      if (free(idx)) return idx;
    }
    return undefined;
  };
  return scan(offset, size) ?? scan(0, offset);
}
