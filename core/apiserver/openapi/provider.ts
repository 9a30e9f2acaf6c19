import { createHash } from 'node:crypto';
import type { Registry } from '../../registry/registry.js';
import type { OpenApiProvider } from '../deps.js';
import { closure, type SchemaMap } from './closure.js';
import { resourcePaths } from './paths.js';

/** Schemas every document carries: what the operations refer to besides the kinds. */
const COMMON = [
  'io.k8s.apimachinery.pkg.apis.meta.v1.Status',
  'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Patch',
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
];

export interface OpenApiSources {
  /** Built-in definitions (the generated component schemas). */
  definitions: () => SchemaMap;
  /** Extra schemas a group-version needs (CRD kinds), keyed by definition name. */
  extraSchemas?: (group: string, version: string) => SchemaMap;
  kubernetesVersion: string;
}

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/**
 * /openapi/v3 from the registry: one document per served group-version, rebuilt when the
 * registry changes (a CRD appears), so what kubectl validates against is what we serve.
 */
export function createOpenApiProvider(registry: Registry, sources: OpenApiSources): OpenApiProvider {
  let generation = -1;
  let fingerprints = new Map<string, string>();
  const built = new Map<string, { body: string; hash: string }>();
  let rootBody = '';
  // Hashes come from what a document is made of, so they survive restarts and change with CRDs;
  // documents themselves are built on first request.
  const refresh = () => {
    if (generation === registry.generation) return;
    generation = registry.generation;
    fingerprints = new Map();
    const roots: Record<string, { serverRelativeURL: string }> = {};
    for (const g of registry.groups()) {
      for (const v of g.versions) {
        const key = gvPath(g.name, v);
        const extra = sources.extraSchemas?.(g.name, v) ?? {};
        const shape = registry.resourcesOf(g.name, v).map((d) => [d.plural, d.kind, d.namespaced, d.verbs, d.subresources, d.definition, d.custom]);
        const hash = createHash('sha512').update(JSON.stringify([sources.kubernetesVersion, shape, extra])).digest('hex').toUpperCase();
        fingerprints.set(key, hash);
        roots[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
      }
    }
    for (const k of built.keys()) if (!fingerprints.has(k) || built.get(k)!.hash !== fingerprints.get(k)) built.delete(k);
    rootBody = JSON.stringify({ paths: roots });
  };
  const build = (group: string, version: string, hash: string) => {
    const defs = { ...sources.definitions(), ...(sources.extraSchemas?.(group, version) ?? {}) };
    const paths: Record<string, unknown> = {};
    const rootsFor: string[] = [...COMMON];
    for (const d of registry.resourcesOf(group, version)) {
      const schemaName = d.definition && defs[d.definition] ? d.definition : undefined;
      if (schemaName) rootsFor.push(schemaName);
      if (d.subresources?.scale) rootsFor.push('io.k8s.api.autoscaling.v1.Scale');
      Object.assign(paths, resourcePaths(d, schemaName));
    }
    const doc = { openapi: '3.0.0', info: { title: 'Kubernetes', version: sources.kubernetesVersion }, paths, components: { schemas: closure(defs, rootsFor) } };
    return { body: JSON.stringify(doc), hash };
  };
  return {
    root() {
      refresh();
      return rootBody;
    },
    document(p) {
      refresh();
      const hash = fingerprints.get(p);
      if (!hash) return undefined;
      let doc = built.get(p);
      if (!doc) {
        const m = /^api\/([^/]+)$/.exec(p) ?? /^apis\/([^/]+)\/([^/]+)$/.exec(p);
        if (!m) return undefined;
        doc = p.startsWith('api/') ? build('', m[1], hash) : build(m[1], m[2], hash);
        built.set(p, doc);
      }
      return doc;
    },
  };
}
