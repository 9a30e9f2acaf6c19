export {
  getDefinitions,
  getDefinition,
  definitionNameFor,
  refName,
  REF_PREFIX,
  type Definitions,
  type GroupVersionKind,
  type JsonSchema,
} from './definitions.js';
export { resolveSchema, resolveDefinition, propertySchema, splitPath } from './resolve.js';
export {
  schemaNode,
  schemaNodeFor,
  listSemantics,
  type BuiltinSchemaNode,
  type ListSemantics,
  type SchemaNodeKind,
} from './schema-node.js';
export { findUnknownFields, prune } from './unknown-fields.js';
export { checkTypes, type FieldTypeError } from './type-check.js';
export type { PatchMetadata, PatchStrategy } from './patch-metadata.js';
