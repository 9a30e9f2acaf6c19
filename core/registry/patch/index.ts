// Server-side patching: JSON patch, JSON merge patch and strategic merge patch,
// plus the schema walk they (and field management) share. Patches are only ever
// applied here; computing them is the clients' business.
import { applyJsonPatch } from './json-patch.js';
import { applyMergePatch } from './merge-patch.js';
import { strategicMergePatch } from './strategic-merge.js';

export { applyJsonPatch } from './json-patch.js';
export { applyMergePatch } from './merge-patch.js';
export { applyStrategicMergePatch, strategicMergePatch } from './strategic-merge.js';
export { REJECTED_MESSAGE } from './patch-errors.js';
export { PATCH_CONTENT_TYPES, type PatchType, type StrategicMergePatch } from './types.js';
export {
  UNKNOWN_SCHEMA,
  fieldSchema,
  isGranularMap,
  isNamedField,
  itemSchema,
  listSemantics,
  type ListSemantics,
  type SchemaKind,
  type SchemaNode,
  type ZeroField,
} from './schema-walker.js';
export { schemaNodeFromOpenApi, type OpenApiDefinitions } from './openapi-schema-node.js';
export { schemaNodeFromStructural, type StructuralOptions } from './structural-schema-node.js';
export { resolveSchema, setDefinitionsSource } from './resolve-schema.js';
export { cloneJson, getOwn, hasOwn, isJsonObject, jsonEqual, setOwn, type JsonObject } from './json-values.js';

/** The three body-driven patch kinds, in the shape the object API takes them. */
export const patchers = { json: applyJsonPatch, merge: applyMergePatch, strategic: strategicMergePatch };
