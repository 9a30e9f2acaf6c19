import { badRequest, StatusError } from '../../api/errors.js';
import { parseApiVersion, type KubeObject } from '../../api/types.js';
import { cloneJson, isJsonObject, jsonEqual, type JsonObject, type SchemaNode } from '../patch/index.js';
import { compareObjects } from './compare.js';
import { conflictError, type ManagerConflicts } from './conflicts.js';
import { difference, intersection, recursiveDifference, union, type FieldSet } from './field-set.js';
import { encodesTo } from './fields-v1.js';
import { allowedByLastApplied, KUBECTL, syncLastApplied } from './last-applied.js';
import { TypedValueError } from './list-items.js';
import { decodeManaged, encodeManaged, identityOf, type Managed } from './managed-entries.js';
import { excludeReset, isEntryError, NEVER_OWNED, resetSet, withoutManagedFields } from './ownership.js';
import { pruneUnapplied } from './prune.js';
import { mergeApplied } from './ssa-merge.js';
import { toFieldSet } from './to-field-set.js';
import type { ApplyInput } from './types.js';

// Server-side apply: merge the configuration into the object, remove what the
// applier stopped applying unless someone else owns it, and refuse (409) to
// change fields other managers own unless forced, in which case take them.

const BEFORE_FIRST_APPLY = 'before-first-apply';

function gvkString(apiVersion: unknown, kind: unknown): string {
  const { group, version } = parseApiVersion(typeof apiVersion === 'string' ? apiVersion : '');
  return `${group}/${version}, Kind=${typeof kind === 'string' ? kind : ''}`;
}

function checkApplied(input: ApplyInput): JsonObject {
  const applied = input.applied as unknown;
  if (!isJsonObject(applied)) throw badRequest('error decoding patch: the applied configuration must be an object');
  const kind = input.kind ?? input.live?.kind;
  if (applied.apiVersion !== input.apiVersion || (kind !== undefined && applied.kind !== kind))
    throw badRequest(`invalid object type: ${gvkString(applied.apiVersion, applied.kind)}`);
  if (isJsonObject(applied.metadata) && applied.metadata.managedFields != null) throw badRequest('metadata.managedFields must be nil');
  return applied;
}

function storedEntries(input: ApplyInput): Managed {
  try {
    return decodeManaged(input.live?.metadata.managedFields, { trusted: true });
  } catch (err) {
    if (isEntryError(err)) throw new StatusError(500, '', `failed to decode managed fields: ${err.message}`);
    throw err;
  }
}

/** An object nobody tracked yet: what it holds belongs to "before-first-apply", so an apply that changes it conflicts. */
function claimUntracked(managed: Managed, live: JsonObject | undefined, input: ApplyInput, node: SchemaNode, reset: FieldSet | undefined): void {
  if (managed.size || !live) return;
  const c = excludeReset(compareObjects(undefined, live, node), reset);
  const set = difference(union(c.modified, c.added), NEVER_OWNED);
  const key = { manager: BEFORE_FIRST_APPLY, operation: 'Update' as const, apiVersion: input.apiVersion };
  if (!set.isEmpty()) managed.set(identityOf(key), { ...key, time: input.time, set });
}

export function applyConfiguration(input: ApplyInput, node: SchemaNode): KubeObject {
  const config = checkApplied(input);
  const managed = storedEntries(input);
  const live = withoutManagedFields(input.live);
  const reset = resetSet(input.resetFields);
  claimUntracked(managed, live, input, node, reset);
  let merged: JsonObject;
  let applied: FieldSet;
  try {
    // The merge shares untouched subtrees with its base and the prune edits them, so the base is a copy.
    merged = mergeApplied(cloneJson(live ?? {}), config, node);
    applied = toFieldSet(config, node, { rejectDuplicates: true });
  } catch (err) {
    if (err instanceof TypedValueError)
      throw new StatusError(500, '', `failed to create typed patch object (${gvkString(config.apiVersion, config.kind)}): ${err.message}`);
    throw err;
  }
  if (reset) applied = recursiveDifference(applied, reset);

  const key = { manager: input.manager, operation: 'Apply' as const, apiVersion: input.apiVersion, subresource: input.subresource };
  const id = identityOf(key);
  const previous = managed.get(id);
  const owned = difference(applied, NEVER_OWNED);
  const unchanged = previous && (previous.set.source ? encodesTo(owned, previous.set.source) : owned.equals(previous.set));
  // Re-applying the same fields keeps the stored set (and its encoding), and has nothing to prune. Until the
  // prune is done the applier's set keeps the identity fields: they are what keeps `.metadata` itself owned.
  managed.set(id, { ...key, time: previous?.time, set: unchanged ? previous.set : applied });
  if (previous && !unchanged && !previous.set.isEmpty()) pruneUnapplied(merged, previous.set, [...managed.values()].map((e) => e.set), node);

  const c = excludeReset(compareObjects(live, merged, node), reset);
  const changed = union(c.modified, c.added);
  const conflicts: ManagerConflicts[] = [];
  for (const [otherId, entry] of managed) {
    if (otherId === id) continue;
    const fields = intersection(entry.set, changed);
    if (!fields.isEmpty()) conflicts.push({ id: otherId, entry, fields });
  }
  if (conflicts.length && !input.force) refuse(conflicts, input, live, node);
  for (const [otherId, entry] of managed) if (otherId !== id) entry.set = difference(difference(entry.set, changed), c.removed);
  const own = managed.get(id)!;
  own.set = difference(own.set, NEVER_OWNED);

  const objectChanged = !jsonEqual(live ?? {}, merged);
  // A first apply that changes nothing still gets a time, so the entry is never undated.
  if (objectChanged || !own.time) own.time = input.time;
  const result = (objectChanged ? dropNullMembers(merged) : cloneJson(live ?? merged)) as KubeObject;
  if (!isJsonObject(result.metadata)) result.metadata = {};
  if (input.manager === KUBECTL) syncLastApplied(result, config);
  const entries = encodeManaged(managed);
  if (entries.length) result.metadata.managedFields = entries;
  else delete result.metadata.managedFields;
  return result;
}

/** Throws the conflicts, minus those kubectl may take over from its own client-side apply. */
function refuse(conflicts: ManagerConflicts[], input: ApplyInput, live: JsonObject | undefined, node: SchemaNode): void {
  const allowed = input.manager === KUBECTL ? allowedByLastApplied(live, input.apiVersion, node) : undefined;
  const remaining = allowed ? conflicts.map((c) => ({ ...c, fields: difference(c.fields, allowed) })).filter((c) => !c.fields.isEmpty()) : conflicts;
  if (remaining.length) throw conflictError(remaining);
}

/** A null the configuration set ends up as an absent field, as it does once upstream decodes the merged object. */
function dropNullMembers(value: unknown): unknown {
  if (Array.isArray(value)) value.forEach(dropNullMembers);
  else if (isJsonObject(value))
    for (const key of Object.keys(value)) {
      if (value[key] === null) delete value[key];
      else dropNullMembers(value[key]);
    }
  return value;
}
