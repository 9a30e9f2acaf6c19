import { sortElements } from './path-element.js';

// A set of field paths stored as a trie keyed by serialized path elements. A
// node is a member when the path leading to it is in the set; it may be a
// member and have children at once (managedFields write that as ".").
//
// A set read from stored managedFields stays in its JSON form until a walk
// steps into it, and a node nobody changed encodes back to that same JSON, so a
// write pays for the paths it touches rather than for every manager's whole set.

export class FieldSet {
  member = false;
  private kids: Map<string, FieldSet> | undefined;
  /** The FieldsV1 level this node was read from: its children not yet materialized, and its encoding while unchanged. */
  source: Record<string, unknown> | undefined;
  private lazy = false;

  /** A node over a stored FieldsV1 level (canonical, as this code writes it). */
  static fromStored(level: Record<string, unknown>): FieldSet {
    const node = new FieldSet();
    node.source = level;
    node.lazy = true;
    return node;
  }

  get children(): Map<string, FieldSet> | undefined {
    if (this.lazy) this.materialize();
    return this.kids;
  }

  set children(value: Map<string, FieldSet> | undefined) {
    this.lazy = false;
    this.source = undefined;
    this.kids = value;
  }

  private materialize(): void {
    this.lazy = false;
    const level = this.source!;
    let kids: Map<string, FieldSet> | undefined;
    for (const key of Object.keys(level)) {
      if (key === '.') continue;
      const value = level[key] as Record<string, unknown>;
      const child = FieldSet.fromStored(value);
      child.member = '.' in value || child.isEmpty();
      (kids ??= new Map()).set(key, child);
    }
    this.kids = kids;
  }

  static of(...paths: string[][]): FieldSet {
    const set = new FieldSet();
    for (const p of paths) set.insert(p);
    return set;
  }

  child(pe: string): FieldSet | undefined {
    return this.children?.get(pe);
  }

  descend(pe: string): FieldSet {
    const kids = this.children ?? (this.children = new Map());
    this.source = undefined;
    let node = kids.get(pe);
    if (!node) {
      node = new FieldSet();
      kids.set(pe, node);
    }
    return node;
  }

  insert(path: readonly string[]): void {
    if (!path.length) return;
    let node = this.descend(path[0]);
    for (let i = 1; i < path.length; i++) node = node.descend(path[i]);
    node.member = true;
  }

  has(path: readonly string[]): boolean {
    if (!path.length) return false;
    let node = this.child(path[0]);
    for (let i = 1; node && i < path.length; i++) node = node.child(path[i]);
    return !!node?.member;
  }

  /** True when no path is in the set (the root's own flag does not count). */
  isEmpty(): boolean {
    if (this.lazy) {
      for (const key in this.source) if (key !== '.') return false;
      return true;
    }
    return !this.kids || this.kids.size === 0;
  }

  /** Adds every path of `other` to this set, which must be one being built (sets are shared once built). */
  addAll(other: FieldSet | undefined): this {
    if (!other?.children) return this;
    const kids = this.children ?? (this.children = new Map());
    this.source = undefined;
    for (const [pe, node] of other.children) {
      const mine = kids.get(pe);
      if (!mine) {
        // Nothing of ours here yet: share the other subtree as is.
        kids.set(pe, node);
      } else {
        const merged = new FieldSet();
        merged.member = mine.member || node.member;
        merged.addAll(mine).addAll(node);
        kids.set(pe, merged);
      }
    }
    return this;
  }

  clone(): FieldSet {
    return new FieldSet().addAll(this);
  }

  /** Paths in sorted order: at each level the members first, then the deeper paths (upstream's iteration order). */
  paths(): string[][] {
    const out: string[][] = [];
    const walk = (node: FieldSet, prefix: string[]) => {
      const keys = sortedKeys(node);
      for (const pe of keys) if (node.children!.get(pe)!.member) out.push([...prefix, pe]);
      for (const pe of keys) {
        const child = node.children!.get(pe)!;
        if (!child.isEmpty()) walk(child, [...prefix, pe]);
      }
    };
    walk(this, []);
    return out;
  }

  equals(other: FieldSet): boolean {
    const a = this.children ?? new Map<string, FieldSet>();
    const b = other.children ?? new Map<string, FieldSet>();
    if (a.size !== b.size) return false;
    for (const [pe, node] of a) {
      const theirs = b.get(pe);
      if (!theirs || theirs.member !== node.member || !node.equals(theirs)) return false;
    }
    return true;
  }
}

const sortedCache = new WeakMap<Map<string, FieldSet>, string[]>();

/** Child elements in upstream's order; field names (the common case) compare without parsing. */
export function sortedKeys(node: FieldSet): string[] {
  if (!node.children) return [];
  let keys = sortedCache.get(node.children);
  if (!keys) {
    keys = sortElements([...node.children.keys()]);
    sortedCache.set(node.children, keys);
  }
  return keys;
}

// Sets are never changed once built, so the operations below share every
// untouched subtree with their input and only copy the nodes on changed paths.
// They walk the second set, which is the small one in practice (what a write
// changed), so a write costs what it changed, not what the object holds.

function withChildren(base: FieldSet, member: boolean, children: Map<string, FieldSet> | undefined): FieldSet {
  const out = new FieldSet();
  out.member = member;
  out.children = children && children.size ? children : undefined;
  return out;
}

/** Members of `a` that are not members of `b` (exact paths: a member of `b` does not remove what lies below it in `a`). */
export function difference(a: FieldSet, b: FieldSet | undefined): FieldSet {
  if (!a.children || !b?.children) return a;
  let changed: Map<string, FieldSet> | undefined;
  for (const [pe, other] of b.children) {
    const node = a.children.get(pe);
    if (!node) continue;
    const sub = difference(node, other);
    const member = node.member && !other.member;
    if (sub === node && member === node.member) continue;
    changed ??= new Map(a.children);
    if (!member && sub.isEmpty()) changed.delete(pe);
    else changed.set(pe, withChildren(sub, member, sub.children));
  }
  return changed ? withChildren(a, a.member, changed) : a;
}

/** Members of `a` that have no prefix (themselves included) among the members of `b`. */
export function recursiveDifference(a: FieldSet, b: FieldSet | undefined): FieldSet {
  if (!a.children || !b?.children) return a;
  let changed: Map<string, FieldSet> | undefined;
  for (const [pe, other] of b.children) {
    const node = a.children.get(pe);
    if (!node) continue;
    changed ??= new Map(a.children);
    if (other.member) {
      changed.delete(pe);
      continue;
    }
    const sub = recursiveDifference(node, other);
    if (sub === node) continue;
    if (!node.member && sub.isEmpty()) changed.delete(pe);
    else changed.set(pe, withChildren(sub, node.member, sub.children));
  }
  return changed ? withChildren(a, a.member, changed) : a;
}

export function intersection(a: FieldSet, b: FieldSet | undefined): FieldSet {
  const out = new FieldSet();
  if (!a.children || !b?.children) return out;
  const [small, large] = a.children.size <= b.children.size ? [a, b] : [b, a];
  for (const [pe, node] of small.children!) {
    const other = large.child(pe);
    if (!other) continue;
    const sub = intersection(node, other);
    const member = node.member && other.member;
    if (member || !sub.isEmpty()) out.children = (out.children ?? new Map()).set(pe, withChildren(sub, member, sub.children));
  }
  return out;
}

export function union(...sets: Array<FieldSet | undefined>): FieldSet {
  const present = sets.filter((s): s is FieldSet => !!s && !s.isEmpty());
  if (present.length === 0) return new FieldSet();
  if (present.length === 1) return present[0];
  const out = new FieldSet();
  for (const s of present) out.addAll(s);
  return out;
}

/** Whether `a` and `b` share any member. */
export function intersects(a: FieldSet, b: FieldSet | undefined): boolean {
  if (!a.children || !b?.children) return false;
  const [small, large] = a.children.size <= b.children.size ? [a, b] : [b, a];
  for (const [pe, node] of small.children!) {
    const other = large.child(pe);
    if (other && ((node.member && other.member) || intersects(node, other))) return true;
  }
  return false;
}
