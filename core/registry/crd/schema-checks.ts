import type { FieldError } from '../../api/errors.js';
import type { KubeObject } from '../../api/types.js';
import type { ResourceDescriptor } from '../descriptor.js';
import type { Registry } from '../registry.js';
import type { SchemaChecks } from '../schema-checks.js';
import { applyStructuralDefaults, unknownStructural, validateStructural, type Structural } from './structural.js';

/** Custom resources: the object minus apiVersion/kind/metadata is checked against the CRD's schema. */
function body(obj: KubeObject): Record<string, unknown> {
  const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = obj;
  return rest;
}

function rootSchema(d: ResourceDescriptor): Structural {
  return (d.structural ?? {}) as Structural;
}

function withoutMeta(s: Structural): Structural {
  const props = { ...(s.properties ?? {}) };
  delete props.apiVersion;
  delete props.kind;
  delete props.metadata;
  return { ...s, properties: props };
}

export const crdSchemaChecks: SchemaChecks = {
  unknownFields(obj, d) {
    const out: string[] = [];
    unknownStructural(body(obj), withoutMeta(rootSchema(d)), '', false, out);
    return out;
  },
  typeErrors(obj, d): FieldError[] {
    const schema = withoutMeta(rootSchema(d));
    // Defaults come before validation, as upstream applies them when decoding.
    applyStructuralDefaults(obj, schema);
    const errs: FieldError[] = [];
    validateStructural(body(obj), { ...schema, required: (schema.required ?? []).filter((r) => !['apiVersion', 'kind', 'metadata'].includes(r)) }, '', errs);
    return errs;
  },
  prune(obj, d) {
    unknownStructural(obj, { ...withoutMeta(rootSchema(d)), properties: { ...withoutMeta(rootSchema(d)).properties, apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }, '', true, []);
  },
  schemaRef: (d) => ({ structural: d.structural }),
};

/** The OpenAPI component schemas of the custom kinds in one group-version. */
export function crdOpenApiSchemas(registry: Registry, group: string, version: string): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const d of registry.resourcesOf(group, version)) {
    if (!d.custom || !d.definition) continue;
    const s = rootSchema(d);
    out[d.definition] = {
      ...s,
      type: 'object',
      properties: {
        ...(s.properties ?? {}),
        apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' },
        kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' },
        metadata: { allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }], description: 'Standard object metadata.' },
      },
      'x-kubernetes-group-version-kind': [{ group: d.group, version: d.version, kind: d.kind }],
    };
  }
  return out;
}
