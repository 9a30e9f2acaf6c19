import type { KubeObject } from '../api/types.js';
import type { ActiveWatch } from '../registry/watch.js';
import type { Client } from './client.js';

export interface InformerHandlers {
  add?(obj: KubeObject): void;
  update?(obj: KubeObject, old: KubeObject): void;
  delete?(obj: KubeObject): void;
}

export type Indexer = (obj: KubeObject) => string[];

export function objectKey(obj: KubeObject): string {
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name!;
}

/**
 * A shared cache of one kind fed by one watch. Watches are synchronous with commits in this
 * process, so the cache is current the moment a write is acknowledged.
 */
export class Informer {
  private readonly items = new Map<string, KubeObject>();
  private readonly handlers = new Set<InformerHandlers>();
  private readonly indexers = new Map<string, Indexer>();
  private readonly indexes = new Map<string, Map<string, Set<string>>>();
  private watch?: ActiveWatch;

  constructor(
    private readonly client: Client,
    readonly apiVersion: string,
    readonly kind: string,
  ) {}

  addIndexer(name: string, fn: Indexer): void {
    if (this.indexers.has(name)) return;
    this.indexers.set(name, fn);
    const idx = new Map<string, Set<string>>();
    this.indexes.set(name, idx);
    for (const [k, o] of this.items) for (const v of fn(o)) addTo(idx, v, k);
  }

  /** Registers handlers; existing objects are replayed as adds. Returns an unsubscribe. */
  on(h: InformerHandlers): () => void {
    this.handlers.add(h);
    for (const o of this.items.values()) h.add?.(o);
    return () => this.handlers.delete(h);
  }

  start(): void {
    if (this.watch) return;
    this.watch = this.client.watch(this.apiVersion, this.kind, undefined, {}, (type, obj) => {
      if (type === 'BOOKMARK') return;
      const key = objectKey(obj);
      const old = this.items.get(key);
      if (type === 'DELETED') {
        this.items.delete(key);
        if (old) this.unindex(key, old);
        for (const h of this.handlers) safe(() => h.delete?.(obj));
        return;
      }
      this.items.set(key, obj);
      if (old) this.unindex(key, old);
      this.index(key, obj);
      for (const h of this.handlers) safe(() => (old ? h.update?.(obj, old) : h.add?.(obj)));
    });
  }

  stop(): void {
    this.watch?.stop();
    this.watch = undefined;
  }

  private index(key: string, obj: KubeObject): void {
    for (const [name, fn] of this.indexers) for (const v of fn(obj)) addTo(this.indexes.get(name)!, v, key);
  }

  private unindex(key: string, obj: KubeObject): void {
    for (const [name, fn] of this.indexers) {
      const idx = this.indexes.get(name)!;
      for (const v of fn(obj)) {
        const set = idx.get(v);
        set?.delete(key);
        if (set && !set.size) idx.delete(v);
      }
    }
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.items.get(namespace ? `${namespace}/${name}` : name);
  }

  getByKey(key: string): KubeObject | undefined {
    return this.items.get(key);
  }

  list(namespace?: string): KubeObject[] {
    const all = [...this.items.values()];
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
  }

  byIndex(name: string, value: string): KubeObject[] {
    const keys = this.indexes.get(name)?.get(value);
    return keys ? [...keys].map((k) => this.items.get(k)!).filter(Boolean) : [];
  }
}

function addTo(idx: Map<string, Set<string>>, value: string, key: string): void {
  let set = idx.get(value);
  if (!set) idx.set(value, (set = new Set()));
  set.add(key);
}

function safe(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    process.emitWarning(`informer handler failed: ${String(err)}`);
  }
}

/** One informer per kind, shared by every controller that asks. */
export class InformerFactory {
  private readonly informers = new Map<string, Informer>();
  private started = false;

  constructor(private readonly client: Client) {}

  for(apiVersion: string, kind: string): Informer {
    const key = `${apiVersion}/${kind}`;
    let inf = this.informers.get(key);
    if (!inf) {
      inf = new Informer(this.client, apiVersion, kind);
      inf.addIndexer('namespace', (o) => (o.metadata.namespace ? [o.metadata.namespace] : []));
      this.informers.set(key, inf);
      if (this.started) inf.start();
    }
    return inf;
  }

  start(): void {
    this.started = true;
    for (const i of this.informers.values()) i.start();
  }

  stop(): void {
    for (const i of this.informers.values()) i.stop();
  }
}
