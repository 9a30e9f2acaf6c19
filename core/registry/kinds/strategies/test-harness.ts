import { StatusError } from '../../../api/errors.js';
import { parseApiVersion, type KubeObject } from '../../../api/types.js';
import { openStore } from '../../../store/index.js';
import { SYSTEM_USER, type RequestContext } from '../../context.js';
import { ObjectAPI } from '../../object-api.js';
import { patchers } from '../../patch/index.js';
import { Registry } from '../../registry.js';
import { permissiveSchemaChecks } from '../../schema-checks.js';
import { builtinDescriptors } from '../index.js';
import { strategyBehaviors } from './index.js';
import type { ObjectLookup } from './lookup.js';
import { ServiceAllocators } from './service/index.js';

// Runs the strategies through the real registry pipeline (memory store, no schema, no managed
// fields), so tests see what a client would: defaults, status resets, validation order, 422s.

export const NOW = Date.parse('2026-01-02T03:04:05Z');

/** A deterministic stand-in for Math.random. */
export function seededRandom(seed = 1): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

export interface Harness {
  api: ObjectAPI;
  services: ServiceAllocators;
  ctx(opts?: { dryRun?: boolean }): RequestContext;
  create(obj: KubeObject, opts?: { dryRun?: boolean; warnings?: string[] }): Promise<KubeObject>;
  update(obj: KubeObject, opts?: { subresource?: string; warnings?: string[] }): Promise<KubeObject>;
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject;
  delete(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<void>;
  /** The StatusError a write throws; fails the test when it succeeds. */
  failure(p: Promise<unknown>): Promise<StatusError>;
}

export function harness(opts: { lookup?: ObjectLookup; random?: () => number } = {}): Harness {
  const store = openStore({ kind: 'memory' });
  const registry = new Registry();
  const services = new ServiceAllocators({ random: opts.random ?? seededRandom() });
  for (const d of builtinDescriptors(strategyBehaviors({ services, lookup: opts.lookup }))) registry.add(d);
  const api = new ObjectAPI({
    store,
    registry,
    fields: { update: () => [], apply: (input) => input.applied },
    patchers,
    schema: permissiveSchemaChecks,
  });
  const ctx = (o: { dryRun?: boolean; warnings?: string[] } = {}): RequestContext => ({
    user: SYSTEM_USER,
    dryRun: !!o.dryRun,
    fieldValidation: 'Strict',
    warnings: o.warnings ?? [],
    clock: { now: () => NOW, setTimeout: () => ({ cancel() {} }) },
    fieldManager: 'test',
  });
  const descriptor = (apiVersion: string, kind: string) => {
    const { group, version } = parseApiVersion(apiVersion);
    const d = registry.byKind(group, version, kind);
    if (!d) throw new Error(`no kind ${apiVersion} ${kind}`);
    return d;
  };
  return {
    api,
    services,
    ctx,
    async create(obj, o = {}) {
      const d = descriptor(obj.apiVersion!, obj.kind!);
      return structuredClone((await api.create(d, obj.metadata.namespace, structuredClone(obj), ctx(o))).object);
    },
    async update(obj, o = {}) {
      const d = descriptor(obj.apiVersion!, obj.kind!);
      return structuredClone((await api.update(d, obj.metadata.namespace, obj.metadata.name!, structuredClone(obj), ctx(o), o.subresource)).object);
    },
    get(apiVersion, kind, namespace, name) {
      return structuredClone(api.get(descriptor(apiVersion, kind), namespace, name).object);
    },
    async delete(apiVersion, kind, namespace, name) {
      await api.delete(descriptor(apiVersion, kind), namespace, name, {}, ctx());
    },
    async failure(p) {
      try {
        await p;
      } catch (err) {
        if (err instanceof StatusError) return err;
        throw err;
      }
      throw new Error('expected the write to fail');
    },
  };
}

/** Server-owned metadata, dropped so expectations can be written as whole objects. */
export function withoutServerMeta(obj: KubeObject): KubeObject {
  const { uid: _u, resourceVersion: _r, creationTimestamp: _c, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}
