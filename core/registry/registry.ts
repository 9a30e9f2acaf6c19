import { ALL_VERBS, type ResourceDescriptor, type Verb } from './descriptor.js';

/** Upstream's discovery order of the built-in groups; CRD groups follow, sorted. */
const GROUP_ORDER = [
  '',
  'apiregistration.k8s.io',
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'resource.k8s.io',
];

export interface GroupInfo {
  name: string;
  /** Preferred first. */
  versions: string[];
}

/** Which kinds are served: one descriptor per group/version/resource, changing at run time for CRDs. */
export class Registry {
  private readonly byResource = new Map<string, ResourceDescriptor>();
  private readonly versionOrder = new Map<string, string[]>();
  private readonly listeners = new Set<() => void>();
  private generationCounter = 0;

  add(d: ResourceDescriptor, opts: { versionPriority?: number } = {}): void {
    this.byResource.set(`${d.group}/${d.version}/${d.plural}`, d);
    const order = this.versionOrder.get(d.group) ?? [];
    if (!order.includes(d.version)) {
      if (opts.versionPriority !== undefined) order.splice(Math.min(opts.versionPriority, order.length), 0, d.version);
      else order.push(d.version);
      this.versionOrder.set(d.group, order);
    }
    this.changed();
  }

  /** Replaces every descriptor of a group at once (CRD updates), with versions in priority order. */
  replaceGroupResources(group: string, plural: string, descriptors: ResourceDescriptor[], versions: string[]): void {
    for (const [k, d] of this.byResource) if (d.group === group && d.plural === plural) this.byResource.delete(k);
    for (const d of descriptors) this.byResource.set(`${d.group}/${d.version}/${d.plural}`, d);
    const remaining = new Set([...this.byResource.values()].filter((d) => d.group === group).map((d) => d.version));
    const order = [...versions.filter((v) => remaining.has(v)), ...(this.versionOrder.get(group) ?? []).filter((v) => remaining.has(v) && !versions.includes(v))];
    if (order.length) this.versionOrder.set(group, order);
    else this.versionOrder.delete(group);
    this.changed();
  }

  private changed(): void {
    this.generationCounter++;
    for (const l of this.listeners) l();
  }

  /** Increments on every change, so caches of discovery and OpenAPI know when to rebuild. */
  get generation(): number {
    return this.generationCounter;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  lookup(group: string, version: string, plural: string): ResourceDescriptor | undefined {
    return this.byResource.get(`${group}/${version}/${plural}`);
  }

  byKind(group: string, version: string, kind: string): ResourceDescriptor | undefined {
    for (const d of this.byResource.values()) if (d.group === group && d.version === version && d.kind === kind) return d;
    return undefined;
  }

  /** The descriptor of the preferred version of a resource. */
  preferred(group: string, plural: string): ResourceDescriptor | undefined {
    for (const v of this.versionOrder.get(group) ?? []) {
      const d = this.lookup(group, v, plural);
      if (d) return d;
    }
    return undefined;
  }

  all(): ResourceDescriptor[] {
    return [...this.byResource.values()];
  }

  resourcesOf(group: string, version: string): ResourceDescriptor[] {
    return this.all()
      .filter((d) => d.group === group && d.version === version)
      .sort((a, b) => (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0));
  }

  groups(): GroupInfo[] {
    const names = [...this.versionOrder.keys()];
    const rank = (g: string) => {
      const i = GROUP_ORDER.indexOf(g);
      return i < 0 ? GROUP_ORDER.length : i;
    };
    names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    return names.map((name) => ({ name, versions: [...this.versionOrder.get(name)!] }));
  }

  verbsOf(d: ResourceDescriptor): Verb[] {
    return d.verbs ?? ALL_VERBS;
  }
}
