import {
  StatusError,
  alreadyExists,
  badRequest,
  conflict,
  expired,
  invalid,
  methodNotSupported,
  notFound,
  successStatus,
  type FieldError,
} from '../api/errors.js';
import { matchesFields, parseFieldSelector, type FieldRequirement } from '../api/fields.js';
import { matchesLabels, parseLabelSelector, type LabelSelector } from '../api/labels.js';
import type { KubeObject, Status } from '../api/types.js';
import { CompactedError, StoreConflictError, type Store, type StoredValue } from '../store/index.js';
import { cloneJson, deepFreeze } from '../util/freeze.js';
import { rfc3339 } from '../util/clock.js';
import type { AdmissionPlugin, AdmissionRequest } from './admission.js';
import type { RequestContext } from './context.js';
import { decodeContinue, encodeContinue } from './continue-token.js';
import { apiVersionOfDescriptor, type ResourceDescriptor } from './descriptor.js';
import { keyFor, prefixFor } from './keys.js';
import type { FieldManager } from './managed-fields/types.js';
import { carryObjectMeta, comparable, initObjectMeta, nextGeneration } from './object-meta.js';
import type { PatchType, StrategicMergePatch } from './patch/types.js';
import type { Registry } from './registry.js';
import { served, toStorage, type Served } from './request-version.js';
import { readScale, writeScale } from './scale.js';
import type { SchemaChecks } from './schema-checks.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './validation/object-meta.js';

export interface Patchers {
  json(obj: KubeObject, ops: unknown): KubeObject;
  merge(obj: KubeObject, patch: unknown): KubeObject;
  strategic: StrategicMergePatch;
}

export interface ObjectAPIConfig {
  store: Store;
  registry: Registry;
  fields: FieldManager;
  patchers: Patchers;
  schema: SchemaChecks;
  admission?: AdmissionPlugin[];
}

export interface ListParams {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export interface ListOutcome {
  items: Served[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface WriteOutcome extends Served {
  created?: boolean;
}

export interface DeleteOutcome {
  /** The object when it is still there (waiting on finalizers or a grace period) or when the kind returns it. */
  object?: KubeObject;
  status?: Status;
  /** Whether the object is gone now. */
  deleted: boolean;
}

const MAX_RETRIES = 16;

/** Compiled label and field selectors, ready to test stored objects. */
export interface Selection {
  labels?: LabelSelector;
  fields?: FieldRequirement[];
  test(obj: KubeObject): boolean;
}

/**
 * The generic registry: every verb on every kind, in a fixed order, the same whether the
 * request came over HTTP or from a controller in this process.
 */
export class ObjectAPI {
  constructor(private readonly config: ObjectAPIConfig) {}

  get store(): Store {
    return this.config.store;
  }

  get registry(): Registry {
    return this.config.registry;
  }

  selection(d: ResourceDescriptor, labelSelector?: string, fieldSelector?: string): Selection {
    const labels = labelSelector ? parseLabelSelector(labelSelector) : undefined;
    const fields = fieldSelector ? parseFieldSelector(fieldSelector) : undefined;
    const extra = d.fieldSelectors ?? {};
    for (const f of fields ?? []) {
      if (f.field === 'metadata.name' || f.field === 'metadata.namespace' || extra[f.field]) continue;
      if (!Object.keys(extra).length) throw badRequest(`"${f.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
      throw badRequest(`field label not supported: ${f.field}`);
    }
    const getField = (obj: KubeObject) => (field: string) =>
      field === 'metadata.name' ? obj.metadata.name : field === 'metadata.namespace' ? (obj.metadata.namespace ?? '') : extra[field](obj);
    return {
      labels,
      fields,
      test: (obj) => (!labels || matchesLabels(labels, obj.metadata.labels)) && (!fields || matchesFields(fields, getField(obj))),
    };
  }

  private key(d: ResourceDescriptor, namespace: string | undefined, name: string): string {
    return keyFor(d, namespace, name);
  }

  private current(d: ResourceDescriptor, namespace: string | undefined, name: string): StoredValue {
    const v = this.config.store.get(this.key(d, namespace, name));
    if (!v) throw notFound({ group: d.group, resource: d.plural }, name);
    return v;
  }

  get(d: ResourceDescriptor, namespace: string | undefined, name: string, subresource?: string): Served {
    const v = this.current(d, namespace, name);
    if (subresource === 'scale') return { object: readScale(d, v.object) };
    return served(d, v);
  }

  /** The stored value, unconverted: for in-process readers that want the revision too. */
  getStored(d: ResourceDescriptor, namespace: string | undefined, name: string): StoredValue | undefined {
    return this.config.store.get(this.key(d, namespace, name));
  }

  list(d: ResourceDescriptor, namespace: string | undefined, params: ListParams = {}): ListOutcome {
    const sel = this.selection(d, params.labelSelector, params.fieldSelector);
    const store = this.config.store;
    let atRev: number | undefined;
    let startAfter: string | undefined;
    if (params.continue) {
      const token = decodeContinue(params.continue, store.compactedRevision());
      atRev = token.rev;
      startAfter = token.after;
    } else if (params.resourceVersion && params.resourceVersion !== '0') {
      const rv = parseResourceVersion(params.resourceVersion);
      if (params.resourceVersionMatch === 'Exact') atRev = rv;
      if (rv > store.revision()) throw new StatusError(504, 'Timeout', `Timeout: Too large resource version: ${rv}, current resource version: ${store.revision()}`, { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 });
    } else if (params.resourceVersionMatch && !params.resourceVersion) {
      throw invalidListOptions('resourceVersionMatch', params.resourceVersionMatch, 'resourceVersionMatch is forbidden unless resourceVersion is provided');
    }
    try {
      const result = store.list(prefixFor(d, namespace), {
        limit: params.limit,
        startAfter,
        atRev,
        filter: sel.labels || sel.fields ? (v) => sel.test(v.object) : undefined,
      });
      const items = result.items.map((v) => served(d, v));
      const last = result.items.at(-1);
      return {
        items,
        resourceVersion: String(result.rev),
        ...(result.more && last ? { continue: encodeContinue({ rev: result.rev, after: last.key }), ...(result.remaining !== undefined && !sel.labels && !sel.fields ? { remainingItemCount: result.remaining } : {}) } : {}),
      };
    } catch (err) {
      if (err instanceof CompactedError) throw expired(`too old resource version: ${err.requested} (${err.compacted})`);
      throw err;
    }
  }

  // ---- writes ------------------------------------------------------------

  private checkTypeMeta(d: ResourceDescriptor, obj: KubeObject): void {
    const want = apiVersionOfDescriptor(d);
    if (obj.kind && obj.kind !== d.kind) throw badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${d.kind})`);
    if (obj.apiVersion && obj.apiVersion !== want) throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${want})`);
    obj.apiVersion = want;
    obj.kind = d.kind;
    if (!obj.metadata || typeof obj.metadata !== 'object' || Array.isArray(obj.metadata)) obj.metadata = {};
  }

  /** Unknown fields: refused, warned about or dropped, as fieldValidation asks. */
  private checkFields(d: ResourceDescriptor, obj: KubeObject, ctx: RequestContext): void {
    const unknown = this.config.schema.unknownFields(obj, d);
    if (unknown.length) {
      if (ctx.fieldValidation === 'Strict') throw badRequest(`strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
      if (ctx.fieldValidation === 'Warn') for (const f of unknown) ctx.warnings.push(`unknown field "${f}"`);
      this.config.schema.prune(obj, d);
    }
  }

  private validateOrThrow(d: ResourceDescriptor, obj: KubeObject, errors: FieldError[]): void {
    if (errors.length) throw invalid(d.kind, d.group, obj.metadata?.name ?? obj.metadata?.generateName ?? '', errors);
  }

  private async admit(req: AdmissionRequest): Promise<void> {
    for (const p of this.config.admission ?? []) await p.admit(req);
  }

  private manager(ctx: RequestContext): string {
    return ctx.fieldManager ?? ctx.userAgent ?? 'unknown';
  }

  create(d: ResourceDescriptor, namespace: string | undefined, input: KubeObject, ctx: RequestContext): Promise<WriteOutcome> {
    return this.createObject(d, namespace, input, ctx, false);
  }

  private async createObject(d: ResourceDescriptor, namespace: string | undefined, input: KubeObject, ctx: RequestContext, managedByApply: boolean): Promise<WriteOutcome> {
    const obj = cloneJson(input);
    this.checkTypeMeta(d, obj);
    if (d.namespaced) {
      if (obj.metadata.namespace && namespace && obj.metadata.namespace !== namespace)
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      obj.metadata.namespace = namespace ?? obj.metadata.namespace;
    } else if (obj.metadata.namespace) {
      delete obj.metadata.namespace;
    }
    if (obj.metadata.resourceVersion) throw badRequest('resourceVersion should not be set on objects to be created');
    this.checkFields(d, obj, ctx);
    const stored = toStorage(d, obj);
    const now = ctx.clock.now();
    // Reviews and bindings are requests, not objects: their metadata stays as sent.
    if (!d.virtual) initObjectMeta(stored, now, !!d.generation);
    if (d.subresources?.status) delete stored.status;
    d.strategy?.defaults?.(stored, ctx);
    d.strategy?.prepareForCreate?.(stored, ctx);
    // Reviews are never stored, so they need no name.
    const errors = [
      ...(d.virtual ? [] : validateObjectMeta(stored.metadata, { namespaced: d.namespaced, nameRule: d.nameRule ?? 'subdomain' })),
      ...this.config.schema.typeErrors(stored, d),
    ];
    this.validateOrThrow(d, stored, errors);
    this.validateOrThrow(d, stored, d.strategy?.validate?.(stored, ctx) ?? []);
    await d.strategy?.admit?.(stored, undefined, ctx);
    await this.admit({ operation: 'create', descriptor: d, namespace, object: stored, ctx });
    if (d.virtual) return { object: deepFreeze(await d.virtual(stored, ctx)), created: true };
    ctx.warnings.push(...(d.strategy?.warnings?.(stored, undefined) ?? []));
    if (!managedByApply)
      stored.metadata.managedFields = this.config.fields.update({
        obj: stored,
        manager: this.manager(ctx),
        apiVersion: apiVersionOfDescriptor(d),
        resetFields: resetFieldsFor(d),
        time: rfc3339(now),
        schema: this.config.schema.schemaRef(d),
      });
    if (!stored.metadata.managedFields?.length) delete stored.metadata.managedFields;
    if (ctx.dryRun) {
      if (this.config.store.get(this.key(d, stored.metadata.namespace, stored.metadata.name!))) throw alreadyExists({ group: d.group, resource: d.plural }, stored.metadata.name!);
      return { object: deepFreeze(served(d, fakeStored(stored)).object), created: true };
    }
    try {
      const [v] = await this.config.store.commit([{ type: 'create', key: this.key(d, stored.metadata.namespace, stored.metadata.name!), object: stored }]);
      return { ...served(d, v), created: true };
    } catch (err) {
      if (err instanceof StoreConflictError) throw alreadyExists({ group: d.group, resource: d.plural }, stored.metadata.name!);
      throw err;
    }
  }

  /** PUT: replace the object (or its status or scale) as sent. */
  async update(d: ResourceDescriptor, namespace: string | undefined, name: string, input: KubeObject, ctx: RequestContext, subresource?: string): Promise<WriteOutcome> {
    const requestedRv = input?.metadata?.resourceVersion;
    return this.guaranteedUpdate(d, namespace, name, ctx, subresource, !!requestedRv, (cur) => {
      if (subresource === 'scale') return writeScale(d, cur, input);
      const obj = cloneJson(input);
      this.checkTypeMeta(d, obj);
      return obj;
    });
  }

  async patch(
    d: ResourceDescriptor,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    body: unknown,
    ctx: RequestContext,
    opts: { subresource?: string; force?: boolean } = {},
  ): Promise<WriteOutcome> {
    if (type === 'strategic' && d.custom) throw new StatusError(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml');
    if (type === 'apply') {
      if (!ctx.fieldManager) throw invalidPatchOptions('fieldManager', '', 'is required for apply patch');
      if (!isPlainObject(body)) throw badRequest('error decoding patch: the applied configuration must be an object');
      const applied = body as KubeObject;
      if (!applied.metadata || typeof applied.metadata !== 'object') applied.metadata = {};
      if (applied.metadata.name && applied.metadata.name !== name) throw badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`);
      if (!this.config.store.get(this.key(d, namespace, name)) && !opts.subresource) {
        const obj = this.config.fields.apply({
          applied: { ...cloneJson(applied), metadata: { ...cloneJson(applied.metadata), name } },
          manager: ctx.fieldManager,
          force: !!opts.force,
          apiVersion: apiVersionOfDescriptor(d),
          kind: d.kind,
          resetFields: resetFieldsFor(d),
          time: rfc3339(ctx.clock.now()),
          schema: this.config.schema.schemaRef(d),
        });
        try {
          return await this.createObject(d, namespace, obj, ctx, true);
        } catch (err) {
          // Someone created it meanwhile: apply onto theirs.
          if (!(err instanceof StatusError && err.reason === 'AlreadyExists')) throw err;
        }
      }
    }
    const rvInPatch = isPlainObject(body) && isPlainObject((body as KubeObject).metadata) && !!(body as KubeObject).metadata.resourceVersion;
    return this.guaranteedUpdate(d, namespace, name, ctx, opts.subresource, rvInPatch, (cur) => {
      const base = opts.subresource === 'scale' ? readScale(d, cur) : cloneJson(cur);
      let patched: KubeObject;
      switch (type) {
        case 'json':
          patched = this.config.patchers.json(base, body);
          break;
        case 'merge':
          patched = this.config.patchers.merge(base, body);
          break;
        case 'strategic':
          patched = this.config.patchers.strategic(base, body as Record<string, unknown>, this.config.schema.schemaRef(d));
          break;
        case 'apply':
          patched = this.config.fields.apply({
            live: base,
            applied: cloneJson(body as KubeObject),
            manager: ctx.fieldManager!,
            force: !!opts.force,
            apiVersion: apiVersionOfDescriptor(d),
            kind: opts.subresource === 'scale' ? 'Scale' : d.kind,
            resetFields: resetFieldsFor(d, opts.subresource),
            subresource: opts.subresource,
            time: rfc3339(ctx.clock.now()),
            schema: this.config.schema.schemaRef(d),
          });
          break;
      }
      if (!isPlainObject(patched)) throw new StatusError(422, 'Invalid', 'the patch produced something that is not an object');
      if (opts.subresource === 'scale') return writeScale(d, cur, patched);
      return patched;
    }, type === 'apply');
  }

  /**
   * Read, change, write with compare-and-swap, retrying on races unless the client pinned a
   * resourceVersion, the way upstream's GuaranteedUpdate does.
   */
  private async guaranteedUpdate(
    d: ResourceDescriptor,
    namespace: string | undefined,
    name: string,
    ctx: RequestContext,
    subresource: string | undefined,
    pinned: boolean,
    mutate: (current: KubeObject) => KubeObject,
    managedByApply = false,
  ): Promise<WriteOutcome> {
    if (subresource && subresource !== 'status' && subresource !== 'scale' && !d.subresources?.fieldPaths?.[subresource])
      throw methodNotSupported({ group: d.group, resource: `${d.plural}/${subresource}` }, 'update');
    if (subresource === 'status' && !d.subresources?.status) throw notFoundSubresource(d, subresource);
    if (subresource === 'scale' && !d.subresources?.scale) throw notFoundSubresource(d, subresource);
    for (let attempt = 0; ; attempt++) {
      const cur = this.current(d, namespace, name);
      const next = mutate(served(d, cur).object);
      try {
        const out = await this.writeUpdate(d, cur, next, ctx, subresource, managedByApply);
        // A scale write answers with the Scale, not the object behind it.
        return subresource === 'scale' ? { object: deepFreeze(readScale(d, out.object)) } : out;
      } catch (err) {
        if (err instanceof StoreConflictError && err.kind === 'stale' && !pinned && attempt < MAX_RETRIES) continue;
        if (err instanceof StoreConflictError && err.kind === 'missing') throw notFound({ group: d.group, resource: d.plural }, name);
        if (err instanceof StoreConflictError) throw conflict({ group: d.group, resource: d.plural }, name);
        throw err;
      }
    }
  }

  private async writeUpdate(
    d: ResourceDescriptor,
    cur: StoredValue,
    input: KubeObject,
    ctx: RequestContext,
    subresource: string | undefined,
    managedByApply: boolean,
  ): Promise<WriteOutcome> {
    const name = cur.object.metadata.name!;
    if (!isPlainObject(input.metadata)) input.metadata = {};
    if (input.metadata.name && input.metadata.name !== name) throw badRequest(`the name of the object (${input.metadata.name}) does not match the name on the URL (${name})`);
    if (d.namespaced && input.metadata.namespace && input.metadata.namespace !== cur.object.metadata.namespace)
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    if (input.metadata.uid && input.metadata.uid !== cur.object.metadata.uid)
      throw conflict({ group: d.group, resource: d.plural }, name, `Precondition failed: UID in precondition: ${input.metadata.uid}, UID in object meta: ${cur.object.metadata.uid}`);
    const rv = input.metadata.resourceVersion;
    if (rv && rv !== String(cur.rev)) throw conflict({ group: d.group, resource: d.plural }, name);
    this.checkFields(d, input, ctx);
    const old = cur.object;
    let obj: KubeObject;
    const fieldPath = subresource ? d.subresources?.fieldPaths?.[subresource] : undefined;
    if (subresource === 'status') {
      obj = { ...cloneJson(old), status: cloneJson(toStorage(d, input).status) };
      obj.metadata.managedFields = input.metadata.managedFields ?? old.metadata.managedFields;
    } else if (fieldPath) {
      obj = cloneJson(old);
      copyPath(toStorage(d, input), obj, fieldPath);
      obj.metadata.managedFields = input.metadata.managedFields ?? old.metadata.managedFields;
    } else {
      obj = toStorage(d, input);
      obj.metadata.name = name;
      if (d.namespaced) obj.metadata.namespace = old.metadata.namespace;
      if (d.subresources?.status && subresource !== 'scale') {
        if (old.status !== undefined) obj.status = cloneJson(old.status);
        else delete obj.status;
      }
    }
    carryObjectMeta(obj, old, !!d.generation);
    if (subresource !== 'status' && !fieldPath) {
      d.strategy?.defaults?.(obj, ctx);
      d.strategy?.prepareForUpdate?.(obj, old, ctx);
      nextGeneration(obj, old, !!d.generation);
    }
    const errors = [
      ...validateObjectMeta(obj.metadata, { namespaced: d.namespaced, nameRule: d.nameRule ?? 'subdomain' }),
      ...validateObjectMetaUpdate(obj.metadata, old.metadata),
      ...this.config.schema.typeErrors(obj, d),
    ];
    this.validateOrThrow(d, obj, errors);
    this.validateOrThrow(d, obj, [...(d.strategy?.validate?.(obj, ctx) ?? []), ...(d.strategy?.validateUpdate?.(obj, old, ctx) ?? [])]);
    await d.strategy?.admit?.(obj, old, ctx);
    await this.admit({ operation: 'update', descriptor: d, namespace: old.metadata.namespace, object: obj, old, subresource, ctx });
    if (!managedByApply) {
      obj.metadata.managedFields = this.config.fields.update({
        old,
        obj,
        manager: this.manager(ctx),
        apiVersion: apiVersionOfDescriptor(d),
        subresource,
        resetFields: resetFieldsFor(d, subresource),
        time: rfc3339(ctx.clock.now()),
        schema: this.config.schema.schemaRef(d),
      });
    }
    if (!obj.metadata.managedFields?.length) delete obj.metadata.managedFields;
    ctx.warnings.push(...(d.strategy?.warnings?.(obj, old) ?? []));
    const key = cur.key;
    const finished = !!obj.metadata.deletionTimestamp && !(obj.metadata.finalizers ?? []).length && !(d.pendingFinalizers?.(obj) ?? false);
    if (!finished && comparable(obj) === comparable(old)) return served(d, cur);
    if (ctx.dryRun) return { object: deepFreeze(served(d, fakeStored(obj, cur.rev)).object) };
    if (finished) {
      const [v] = await this.config.store.commit([{ type: 'update', key, object: obj, expectRev: cur.rev }, { type: 'delete', key }]);
      return served(d, v);
    }
    const [v] = await this.config.store.commit([{ type: 'update', key, object: obj, expectRev: cur.rev }]);
    return served(d, v);
  }

  async delete(d: ResourceDescriptor, namespace: string | undefined, name: string, options: DeleteOptions, ctx: RequestContext): Promise<DeleteOutcome> {
    for (let attempt = 0; ; attempt++) {
      const cur = this.current(d, namespace, name);
      try {
        return await this.deleteOnce(d, cur, options, ctx);
      } catch (err) {
        if (err instanceof StoreConflictError && err.kind === 'stale' && attempt < MAX_RETRIES && !options.preconditions?.resourceVersion) continue;
        if (err instanceof StoreConflictError && err.kind === 'missing') throw notFound({ group: d.group, resource: d.plural }, name);
        if (err instanceof StoreConflictError) throw conflict({ group: d.group, resource: d.plural }, name);
        throw err;
      }
    }
  }

  private async deleteOnce(d: ResourceDescriptor, cur: StoredValue, options: DeleteOptions, ctx: RequestContext): Promise<DeleteOutcome> {
    const old = cur.object;
    const name = old.metadata.name!;
    const pre = options.preconditions ?? {};
    if (pre.uid && pre.uid !== old.metadata.uid)
      throw conflict({ group: d.group, resource: d.plural }, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`);
    if (pre.resourceVersion && pre.resourceVersion !== String(cur.rev))
      throw conflict({ group: d.group, resource: d.plural }, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${cur.rev}`);
    await this.admit({ operation: 'delete', descriptor: d, namespace: old.metadata.namespace, old, ctx });
    const policy = options.propagationPolicy ?? (options.orphanDependents === true ? 'Orphan' : undefined);
    const draft = cloneJson(old);
    const waitsForKind = !old.metadata.deletionTimestamp && (d.beforeDelete?.(draft) ?? false);
    const finalizers = new Set(draft.metadata.finalizers ?? []);
    if (policy === 'Foreground') {
      finalizers.delete('orphan');
      finalizers.add('foregroundDeletion');
    } else if (policy === 'Orphan') {
      finalizers.delete('foregroundDeletion');
      finalizers.add('orphan');
    }
    const grace = d.gracefulDeletion?.(old) === undefined ? 0 : (options.gracePeriodSeconds ?? d.gracefulDeletion(old)!);
    const now = ctx.clock.now();
    const gone = (): DeleteOutcome => ({
      deleted: true,
      status: successStatus({ name, group: d.group || undefined, kind: d.plural, uid: old.metadata.uid }),
    });
    if (old.metadata.deletionTimestamp) {
      // Already terminating: a shorter grace period or a force delete may finish it now.
      const remaining = old.metadata.deletionGracePeriodSeconds ?? 0;
      if (grace === 0 && options.gracePeriodSeconds === 0 && !(old.metadata.finalizers ?? []).length && !(d.pendingFinalizers?.(old) ?? false)) {
        if (!ctx.dryRun) await this.config.store.commit([{ type: 'delete', key: cur.key, expectRev: cur.rev }]);
        return gone();
      }
      const changedFinalizers = [...finalizers].join() !== (old.metadata.finalizers ?? []).join();
      if ((grace < remaining || changedFinalizers) && !ctx.dryRun) {
        draft.metadata.finalizers = [...finalizers];
        if (grace < remaining) {
          draft.metadata.deletionGracePeriodSeconds = grace;
          draft.metadata.deletionTimestamp = rfc3339(now + grace * 1000);
        }
        const [v] = await this.config.store.commit([{ type: 'update', key: cur.key, object: draft, expectRev: cur.rev }]);
        return { deleted: false, object: served(d, v).object };
      }
      return { deleted: false, object: served(d, cur).object };
    }
    if (finalizers.size > 0 || grace > 0 || waitsForKind) {
      draft.metadata.deletionTimestamp = rfc3339(now + grace * 1000);
      draft.metadata.deletionGracePeriodSeconds = grace;
      draft.metadata.finalizers = [...finalizers];
      if (!draft.metadata.finalizers.length) delete draft.metadata.finalizers;
      if (d.generation) draft.metadata.generation = (old.metadata.generation ?? 1) + 1;
      if (ctx.dryRun) return { deleted: false, object: deepFreeze(served(d, fakeStored(draft, cur.rev)).object) };
      const [v] = await this.config.store.commit([{ type: 'update', key: cur.key, object: draft, expectRev: cur.rev }]);
      return { deleted: false, object: served(d, v).object };
    }
    if (ctx.dryRun) return gone();
    await this.config.store.commit([{ type: 'delete', key: cur.key, expectRev: cur.rev }]);
    return gone();
  }

  async deleteCollection(d: ResourceDescriptor, namespace: string | undefined, params: ListParams, options: DeleteOptions, ctx: RequestContext): Promise<ListOutcome> {
    const listed = this.list(d, namespace, { labelSelector: params.labelSelector, fieldSelector: params.fieldSelector });
    const items: Served[] = [];
    for (const item of listed.items) {
      try {
        const out = await this.delete(d, item.object.metadata.namespace, item.object.metadata.name!, options, ctx);
        items.push({ object: out.object ?? item.object });
      } catch (err) {
        if (!(err instanceof StatusError && err.code === 404)) throw err;
      }
    }
    return { items, resourceVersion: String(this.config.store.revision()) };
  }
}

/** Copies one dotted path from `from` into `to`, deleting it when `from` lacks it. */
function copyPath(from: KubeObject, to: KubeObject, path: string): void {
  const parts = path.split('.');
  let src: unknown = from;
  let dst = to as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) {
    src = src && typeof src === 'object' ? (src as Record<string, unknown>)[p] : undefined;
    if (!dst[p] || typeof dst[p] !== 'object') dst[p] = {};
    dst = dst[p] as Record<string, unknown>;
  }
  const last = parts.at(-1)!;
  const value = src && typeof src === 'object' ? (src as Record<string, unknown>)[last] : undefined;
  if (value === undefined) delete dst[last];
  else dst[last] = cloneJson(value);
}

/** What a write through this endpoint cannot change, so its writer never owns it. */
function resetFieldsFor(d: ResourceDescriptor, subresource?: string): string[] | undefined {
  if (!d.subresources?.status) return undefined;
  if (subresource === 'status') return ['spec'];
  if (!subresource) return ['status'];
  return undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseResourceVersion(rv: string): number {
  const n = Number(rv);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`invalid resource version: "${rv}"`);
  return n;
}

/** What a dry run answers: the object as it would be stored. */
function fakeStored(obj: KubeObject, rev?: number): StoredValue {
  if (rev !== undefined) obj.metadata.resourceVersion = String(rev);
  return { key: '', rev: rev ?? 0, createRev: rev ?? 0, object: deepFreeze(obj), json: JSON.stringify(obj) };
}

function notFoundSubresource(d: ResourceDescriptor, sub: string): StatusError {
  return notFound({ group: d.group, resource: `${d.plural}/${sub}` }, sub);
}

export function invalidListOptions(field: string, value: unknown, detail: string): StatusError {
  return invalid('ListOptions', 'meta.k8s.io', '', [{ type: 'FieldValueForbidden', field, value, detail }]);
}

function invalidPatchOptions(field: string, value: unknown, detail: string): StatusError {
  return invalid('PatchOptions', 'meta.k8s.io', '', [{ type: 'FieldValueRequired', field, value, detail }]);
}
