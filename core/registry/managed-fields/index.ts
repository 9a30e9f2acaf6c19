// Field ownership (metadata.managedFields) and server-side apply.
export { createFieldManager, type FieldManagerOptions } from './field-manager.js';
export type { ApplyInput, FieldManager, SchemaRef, UpdateInput } from './types.js';
export { FieldSet, difference, intersection, recursiveDifference, union } from './field-set.js';
export { fromFieldsV1, toFieldsV1, FieldsV1Error } from './fields-v1.js';
export { toFieldSet } from './to-field-set.js';
export { compareObjects, type Comparison } from './compare.js';
export { fieldElement, keyElement, valueElement, indexElement, pathString } from './path-element.js';
