import { cloneJson, resolveSchema, type SchemaNode } from '../patch/index.js';
import { applyConfiguration } from './apply.js';
import { TypedValueError } from './list-items.js';
import { isEntryError } from './ownership.js';
import type { FieldManager, SchemaRef } from './types.js';
import { updateManagedFields } from './update.js';

// Field ownership as upstream's field manager keeps it, for every write: see
// update.ts for creates, updates and non-apply patches, apply.ts for
// server-side apply.

export interface FieldManagerOptions {
  /** Turns a schema reference into the node walks use; defaults to the built-in definitions and CRD schemas. */
  schema?: (ref: SchemaRef) => SchemaNode;
  /** Told about updates whose managedFields could not be computed (the stored ones are kept, as upstream does). */
  onUpdateError?: (err: Error) => void;
}

export function createFieldManager(options: FieldManagerOptions = {}): FieldManager {
  const schemaOf = options.schema ?? resolveSchema;
  return {
    update: (input) => {
      try {
        return updateManagedFields(input, schemaOf(input.schema));
      } catch (err) {
        if (!(err instanceof TypedValueError || isEntryError(err))) throw err;
        options.onUpdateError?.(err);
        return cloneJson(input.old?.metadata.managedFields ?? []);
      }
    },
    apply: (input) => applyConfiguration(input, schemaOf(input.schema)),
  };
}
