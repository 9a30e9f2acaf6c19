import type { FieldError } from '../api/errors.js';
import { decodeKubernetesProtobuf } from '../api/protobuf/index.js';
import { checkTypes, findUnknownFields, getDefinitions, prune } from '../api/schema/index.js';
import type { ProtobufDecoder } from '../apiserver/body.js';
import type { OpenApiProvider } from '../apiserver/deps.js';
import { createOpenApiProvider } from '../apiserver/openapi/index.js';
import { crdSchemaChecks, crdOpenApiSchemas } from '../registry/crd/index.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import { createFieldManager } from '../registry/managed-fields/index.js';
import type { FieldManager } from '../registry/managed-fields/types.js';
import type { Patchers } from '../registry/object-api.js';
import { applyJsonPatch, applyMergePatch, strategicMergePatch } from '../registry/patch/index.js';
import type { Registry } from '../registry/registry.js';
import type { SchemaChecks } from '../registry/schema-checks.js';
import { KUBERNETES_VERSION } from './version.js';

/** Built-in kinds validate against the generated definitions; CRD kinds against their own schema. */
const builtinChecks: SchemaChecks = {
  unknownFields: (obj, d) => (d.definition ? findUnknownFields(obj, d.definition) : []),
  typeErrors: (obj, d): FieldError[] =>
    d.definition ? checkTypes(obj, d.definition).map((e) => ({ type: 'FieldValueTypeInvalid', field: e.field, detail: '', message: e.message })) : [],
  prune: (obj, d) => {
    if (!d.definition) return;
    // prune() returns a copy; the pipeline owns `obj` and expects it changed in place.
    const pruned = prune(obj, d.definition) as Record<string, unknown>;
    for (const k of Object.keys(obj)) if (!(k in pruned)) delete (obj as Record<string, unknown>)[k];
    Object.assign(obj, pruned);
  },
  schemaRef: (d) => ({ definition: d.definition }),
};

function dispatch(d: ResourceDescriptor): SchemaChecks {
  return d.custom ? crdSchemaChecks : builtinChecks;
}

export const schemaChecks: SchemaChecks = {
  unknownFields: (o, d) => dispatch(d).unknownFields(o, d),
  typeErrors: (o, d) => dispatch(d).typeErrors(o, d),
  prune: (o, d) => dispatch(d).prune(o, d),
  schemaRef: (d) => dispatch(d).schemaRef(d),
};

export interface Wiring {
  fields: FieldManager;
  patchers: Patchers;
  schema: SchemaChecks;
  protobuf: ProtobufDecoder;
  openapi(registry: Registry): OpenApiProvider;
}

/** Connects the pipeline to the schema, patch, apply and protobuf implementations. */
export function wiring(): Wiring {
  return {
    fields: createFieldManager(),
    patchers: { json: applyJsonPatch, merge: applyMergePatch, strategic: strategicMergePatch },
    schema: schemaChecks,
    protobuf: (body) => decodeKubernetesProtobuf(body),
    openapi: (registry) =>
      createOpenApiProvider(registry, {
        definitions: getDefinitions as () => Record<string, Record<string, unknown>>,
        extraSchemas: (group, version) => crdOpenApiSchemas(registry, group, version),
        kubernetesVersion: `v${KUBERNETES_VERSION.major}.${KUBERNETES_VERSION.minor}.${KUBERNETES_VERSION.patch}`,
      }),
  };
}
