import type { FieldError } from '../api/errors.js';
import type { KubeObject } from '../api/types.js';
import type { ResourceDescriptor } from './descriptor.js';
import type { SchemaRef } from './managed-fields/types.js';

/** What the pipeline needs from a kind's schema; built-in kinds and CRDs each supply one. */
export interface SchemaChecks {
  /** Paths like `spec.bogusField` that the schema does not know. */
  unknownFields(obj: KubeObject, d: ResourceDescriptor): string[];
  /** Values of the wrong type, in upstream's words. */
  typeErrors(obj: KubeObject, d: ResourceDescriptor): FieldError[];
  /** Drops unknown fields in place. */
  prune(obj: KubeObject, d: ResourceDescriptor): void;
  /** Where patching and apply find list keys for this kind. */
  schemaRef(d: ResourceDescriptor): SchemaRef;
}

/** For kinds without a schema: everything is known and nothing is pruned. */
export const permissiveSchemaChecks: SchemaChecks = {
  unknownFields: () => [],
  typeErrors: () => [],
  prune: () => {},
  schemaRef: (d) => ({ definition: d.definition }),
};
