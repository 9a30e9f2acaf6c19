import type { ManagedFieldsEntry } from '../../api/types.js';
import { jsonEqual, type SchemaNode } from '../patch/index.js';
import { compareObjects } from './compare.js';
import { difference, recursiveDifference, union } from './field-set.js';
import { capUpdateManagers, decodeManaged, encodeManaged, identityOf, isResetRequest, type Managed } from './managed-entries.js';
import { decodeStored, excludeReset, isEntryError, NEVER_OWNED, resetSet, withoutManagedFields } from './ownership.js';
import type { UpdateInput } from './types.js';

// An update (create, PUT, any non-apply patch) hands the writer every field
// whose value it added or changed, and takes those and every removed field from
// everybody else.

/**
 * The entries a write starts from: what the client sent when it sent a usable
 * non-empty list (that is how `apply --server-side` migrates client-side
 * ownership), none when it sent `[{}]`, otherwise the stored ones. Subresource
 * writes never set them.
 */
function startingEntries(input: UpdateInput): Managed {
  const live = input.old?.metadata.managedFields;
  const sent = input.obj.metadata?.managedFields;
  if (input.subresource) return decodeStored(live);
  if (isResetRequest(sent)) return new Map();
  // Most writes send back what they read; that needs no re-reading.
  if (sent === live || (Array.isArray(sent) && sent.length && jsonEqual(sent, live))) return decodeStored(live);
  try {
    const managed = decodeManaged(sent);
    if (managed.size) return managed;
  } catch (err) {
    if (!isEntryError(err)) throw err;
  }
  return decodeStored(live);
}

export function updateManagedFields(input: UpdateInput, node: SchemaNode): ManagedFieldsEntry[] {
  const managed = startingEntries(input);
  // An existing object nobody tracks stays untracked until someone applies to it (upstream's skip-non-applied).
  if (managed.size === 0 && input.old) return [];
  const reset = resetSet(input.resetFields);
  const c = excludeReset(compareObjects(withoutManagedFields(input.old), withoutManagedFields(input.obj)!, node), reset);
  const changed = union(c.modified, c.added);
  for (const entry of managed.values()) entry.set = difference(difference(entry.set, changed), c.removed);
  let taken = difference(changed, NEVER_OWNED);
  if (reset) taken = recursiveDifference(taken, reset);
  if (!taken.isEmpty()) {
    const key = { manager: input.manager, operation: 'Update' as const, apiVersion: input.apiVersion, subresource: input.subresource };
    const id = identityOf(key);
    managed.set(id, { ...key, time: input.time, set: union(managed.get(id)?.set, taken) });
  }
  capUpdateManagers(managed);
  return encodeManaged(managed);
}
