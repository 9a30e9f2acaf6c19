import type { KubeObject, ManagedFieldsEntry } from '../../api/types.js';

/** Describes the object's schema for merging: the OpenAPI definition, or a CRD's structural schema. */
export interface SchemaRef {
  /** Canonical definition name of the root, e.g. `io.k8s.api.apps.v1.Deployment`. */
  definition?: string;
  /** A CRD version's openAPIV3Schema (structural), used when `definition` is absent. */
  structural?: Record<string, unknown>;
}

export interface UpdateInput {
  /** The object before the write (absent on create). */
  old?: KubeObject;
  /** The object about to be stored; its metadata.managedFields is what the client sent. */
  obj: KubeObject;
  manager: string;
  /** apiVersion the manager wrote with, e.g. `apps/v1`. */
  apiVersion: string;
  subresource?: string;
  time: string;
  schema: SchemaRef;
  /**
   * Dotted field paths this write cannot change (`status` on the main resource,
   * `spec` on the status subresource), as upstream's reset fields: their changes
   * move no ownership and the writer never owns them.
   */
  resetFields?: readonly string[];
}

export interface ApplyInput {
  /** Live object, absent when apply creates. */
  live?: KubeObject;
  /** The applied configuration as sent (already decoded from YAML or JSON). */
  applied: KubeObject;
  manager: string;
  force: boolean;
  apiVersion: string;
  /** The kind the endpoint serves; the applied object must match it (defaults to the live object's kind). */
  kind?: string;
  subresource?: string;
  time: string;
  schema: SchemaRef;
  /** As for UpdateInput. */
  resetFields?: readonly string[];
}

/**
 * Field ownership, as server-side apply defines it. `update` records an Update operation;
 * `apply` merges an applied configuration into the live object and throws a 409
 * StatusError (reason Conflict, causes FieldManagerConflict) on conflicts unless forced.
 */
export interface FieldManager {
  /** Returns the managedFields to store with `obj` after an Update by `manager`. */
  update(input: UpdateInput): ManagedFieldsEntry[];
  /** Returns the merged object, managedFields included. */
  apply(input: ApplyInput): KubeObject;
}
