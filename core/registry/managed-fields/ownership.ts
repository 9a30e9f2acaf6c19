import type { KubeObject, ManagedFieldsEntry } from '../../api/types.js';
import { isJsonObject, type JsonObject } from '../patch/index.js';
import type { Comparison } from './compare.js';
import { FieldSet, recursiveDifference } from './field-set.js';
import { FieldsV1Error } from './fields-v1.js';
import { decodeManaged, ManagedFieldsError, type Managed } from './managed-entries.js';
import { fieldElement } from './path-element.js';

// What updates and applies share: the fields nobody owns, the reset fields a
// write may not touch, and reading the stored entries.

/** Fields no entry ever lists: the object's identity and bookkeeping. */
export const NEVER_OWNED = FieldSet.of(
  ['f:apiVersion'],
  ['f:kind'],
  ['f:metadata'],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map((f) => [
    'f:metadata',
    fieldElement(f),
  ]),
);

export function withoutManagedFields(obj: KubeObject | undefined): JsonObject | undefined {
  if (!obj) return undefined;
  if (!isJsonObject(obj.metadata) || !('managedFields' in obj.metadata)) return obj;
  const { managedFields: _dropped, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

export function resetSet(paths: readonly string[] | undefined): FieldSet | undefined {
  if (!paths?.length) return undefined;
  return FieldSet.of(...paths.map((p) => p.split('.').map(fieldElement)));
}

export function excludeReset(c: Comparison, reset: FieldSet | undefined): Comparison {
  if (!reset) return c;
  return { added: recursiveDifference(c.added, reset), modified: recursiveDifference(c.modified, reset), removed: recursiveDifference(c.removed, reset) };
}

export const isEntryError = (err: unknown): err is Error => err instanceof ManagedFieldsError || err instanceof FieldsV1Error;

/** The stored entries; unreadable ones count as none, as upstream treats them. */
export function decodeStored(entries: ManagedFieldsEntry[] | undefined): Managed {
  try {
    return decodeManaged(entries, { trusted: true });
  } catch (err) {
    if (isEntryError(err)) return new Map();
    throw err;
  }
}
