import { StatusError, badRequest } from '../api/errors.js';
import { parseApiVersion, type KubeObject } from '../api/types.js';
import { SYSTEM_USER, type RequestContext, type UserInfo } from '../registry/context.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import type { DeleteOptions, ListParams, ObjectAPI } from '../registry/object-api.js';
import type { PatchType } from '../registry/patch/types.js';
import { startWatch, type ActiveWatch, type WatchParams } from '../registry/watch.js';
import { systemClock, type Clock } from '../util/clock.js';

export interface ClientOptions {
  user?: UserInfo;
  clock?: Clock;
  /** Field manager for this client's writes, e.g. `deployment-controller`. */
  fieldManager: string;
}

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  subresource?: string;
  force?: boolean;
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
}

/** A served kind, as discovery would describe it. */
export interface ResourceType {
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  verbs: string[];
  /** Reviews and the like: created, never stored. */
  virtual: boolean;
  /** Another version of the same resource is the stored one. */
  alternateVersion: boolean;
}

export type WatchHandler = (type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK', obj: KubeObject) => void;

/**
 * The in-process client: the registry's whole pipeline (validation, defaults, admission,
 * concurrency) without HTTP. Objects it returns are frozen; copy one to change it.
 */
export class Client {
  readonly objects: ObjectAPI;
  private readonly user: UserInfo;
  readonly clock: Clock;
  readonly fieldManager: string;

  constructor(objects: ObjectAPI, opts: ClientOptions) {
    this.objects = objects;
    this.user = opts.user ?? SYSTEM_USER;
    this.clock = opts.clock ?? systemClock;
    this.fieldManager = opts.fieldManager;
  }

  /** A client for the same cluster writing as another field manager. */
  as(fieldManager: string): Client {
    return new Client(this.objects, { user: this.user, clock: this.clock, fieldManager });
  }

  private ctx(opts: WriteOptions = {}): RequestContext {
    return { user: this.user, dryRun: !!opts.dryRun, fieldManager: opts.fieldManager ?? this.fieldManager, fieldValidation: 'Ignore', warnings: [], clock: this.clock, userAgent: this.fieldManager };
  }

  descriptor(apiVersion: string, kindOrPlural: string): ResourceDescriptor {
    const { group, version } = parseApiVersion(apiVersion);
    const d = this.objects.registry.lookup(group, version, kindOrPlural) ?? this.objects.registry.byKind(group, version, kindOrPlural);
    if (!d) throw new StatusError(404, 'NotFound', `the server could not find the requested resource (${kindOrPlural} in ${apiVersion})`);
    return d;
  }

  /** Every served kind, like discovery; controllers that walk all kinds use it. */
  resourceTypes(): ResourceType[] {
    const registry = this.objects.registry;
    return registry.all().map((d) => ({
      apiVersion: d.group ? `${d.group}/${d.version}` : d.version,
      kind: d.kind,
      plural: d.plural,
      namespaced: d.namespaced,
      verbs: registry.verbsOf(d),
      virtual: !!d.virtual,
      alternateVersion: !!d.converter,
    }));
  }

  /** Calls back when kinds appear or go (CRDs); returns an unsubscribe. */
  onResourceTypesChanged(listener: () => void): () => void {
    return this.objects.registry.onChange(listener);
  }

  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject {
    return this.objects.get(this.descriptor(apiVersion, kind), namespace, name).object;
  }

  /** Like get, but undefined instead of a NotFound error. */
  find(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const d = this.descriptor(apiVersion, kind);
    const v = this.objects.getStored(d, d.namespaced ? namespace : undefined, name);
    return v ? this.objects.get(d, d.namespaced ? namespace : undefined, name).object : undefined;
  }

  list(apiVersion: string, kind: string, namespace?: string, params: ListParams = {}): ListResult {
    const out = this.objects.list(this.descriptor(apiVersion, kind), namespace, params);
    return { items: out.items.map((i) => i.object), resourceVersion: out.resourceVersion, continue: out.continue };
  }

  async create(obj: KubeObject, opts: WriteOptions = {}): Promise<KubeObject> {
    if (!obj.apiVersion || !obj.kind) throw badRequest('apiVersion and kind are required');
    const d = this.descriptor(obj.apiVersion, obj.kind);
    return (await this.objects.create(d, obj.metadata.namespace, obj, this.ctx(opts))).object;
  }

  async update(obj: KubeObject, opts: WriteOptions = {}): Promise<KubeObject> {
    const d = this.descriptor(obj.apiVersion!, obj.kind!);
    return (await this.objects.update(d, obj.metadata.namespace, obj.metadata.name!, obj, this.ctx(opts), opts.subresource)).object;
  }

  updateStatus(obj: KubeObject, opts: WriteOptions = {}): Promise<KubeObject> {
    return this.update(obj, { ...opts, subresource: 'status' });
  }

  async patch(apiVersion: string, kind: string, namespace: string | undefined, name: string, type: PatchType, body: unknown, opts: WriteOptions = {}): Promise<KubeObject> {
    const d = this.descriptor(apiVersion, kind);
    return (await this.objects.patch(d, namespace, name, type, body, this.ctx(opts), { subresource: opts.subresource, force: opts.force })).object;
  }

  /** Deletes; resolves to the object while it still exists (finalizers, grace), else undefined. */
  async delete(apiVersion: string, kind: string, namespace: string | undefined, name: string, options: DeleteOptions = {}, opts: WriteOptions = {}): Promise<KubeObject | undefined> {
    const d = this.descriptor(apiVersion, kind);
    const out = await this.objects.delete(d, namespace, name, options, this.ctx(opts));
    return out.deleted ? undefined : out.object;
  }

  watch(apiVersion: string, kind: string, namespace: string | undefined, params: WatchParams, handler: WatchHandler): ActiveWatch {
    const d = this.descriptor(apiVersion, kind);
    return startWatch(this.objects, d, namespace, params, {
      event: (type, s) => handler(type, s.object),
      bookmark: (rv) => handler('BOOKMARK', { apiVersion, kind, metadata: { resourceVersion: rv } }),
    });
  }
}

/** True for a 404 StatusError. */
export function isNotFound(err: unknown): boolean {
  return err instanceof StatusError && err.code === 404;
}

export function isConflict(err: unknown): boolean {
  return err instanceof StatusError && err.code === 409;
}

export function isAlreadyExists(err: unknown): boolean {
  return err instanceof StatusError && err.reason === 'AlreadyExists';
}
