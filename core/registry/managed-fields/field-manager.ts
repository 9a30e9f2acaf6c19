import { badRequest, StatusError } from '../../api/errors.js';
import { parseApiVersion, type KubeObject, type ManagedFieldsEntry } from '../../api/types.js';
import { cloneJson, isJsonObject, jsonEqual, resolveSchema, type JsonObject, type SchemaNode } from '../patch/index.js';
import { compareObjects, type Comparison } from './compare.js';
import { conflictError, type ManagerConflicts } from './conflicts.js';
import { difference, FieldSet, intersection, recursiveDifference, union } from './field-set.js';
import { encodesTo, FieldsV1Error } from './fields-v1.js';
import { TypedValueError } from './list-items.js';
import { capUpdateManagers, decodeManaged, encodeManaged, identityOf, isResetRequest, ManagedFieldsError, type Managed } from './managed-entries.js';
import { fieldElement } from './path-element.js';
import { pruneUnapplied } from './prune.js';
import { mergeApplied } from './ssa-merge.js';
import { toFieldSet } from './to-field-set.js';
import type { ApplyInput, FieldManager, SchemaRef, UpdateInput } from './types.js';

// Field ownership as upstream's field manager keeps it. An update hands the
// writer every field whose value it added or changed and takes those (and
// every removed field) from everybody else. An apply merges the configuration
// into the object, removes what the applier stopped applying unless someone
// else owns it, and refuses (409) to change fields other managers own unless
// forced, in which case it takes them.

/** Fields no entry ever lists: the object's identity and bookkeeping. */
const NEVER_OWNED = FieldSet.of(
  ['f:apiVersion'],
  ['f:kind'],
  ['f:metadata'],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map((f) => [
    'f:metadata',
    fieldElement(f),
  ]),
);

export interface FieldManagerOptions {
  /** Turns a schema reference into the node walks use; defaults to the built-in definitions and CRD schemas. */
  schema?: (ref: SchemaRef) => SchemaNode;
  /** Told about updates whose managedFields could not be computed (the live ones are kept, as upstream does). */
  onUpdateError?: (err: Error) => void;
}

export function createFieldManager(options: FieldManagerOptions = {}): FieldManager {
  const schemaOf = options.schema ?? resolveSchema;
  return {
    update: (input) => {
      try {
        return updateManagedFields(input, schemaOf(input.schema));
      } catch (err) {
        if (!(err instanceof TypedValueError || err instanceof ManagedFieldsError || err instanceof FieldsV1Error)) throw err;
        options.onUpdateError?.(err);
        return cloneJson(input.old?.metadata.managedFields ?? []);
      }
    },
    apply: (input) => applyConfiguration(input, schemaOf(input.schema)),
  };
}

function withoutManagedFields(obj: KubeObject | undefined): JsonObject | undefined {
  if (!obj) return undefined;
  if (!isJsonObject(obj.metadata) || !('managedFields' in obj.metadata)) return obj;
  const { managedFields: _dropped, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

function resetSet(paths: readonly string[] | undefined): FieldSet | undefined {
  if (!paths?.length) return undefined;
  return FieldSet.of(...paths.map((p) => p.split('.').map(fieldElement)));
}

function excludeReset(c: Comparison, reset: FieldSet | undefined): Comparison {
  if (!reset) return c;
  return { added: recursiveDifference(c.added, reset), modified: recursiveDifference(c.modified, reset), removed: recursiveDifference(c.removed, reset) };
}

function decodeLive(entries: ManagedFieldsEntry[] | undefined): Managed {
  try {
    return decodeManaged(entries, { trusted: true });
  } catch (err) {
    if (err instanceof ManagedFieldsError || err instanceof FieldsV1Error) return new Map();
    throw err;
  }
}

/**
 * The entries a write starts from: what the client sent when it sent a usable
 * non-empty list (that is how `apply --server-side` migrates client-side
 * ownership), none when it sent `[{}]`, otherwise the stored ones. Subresource
 * writes never set them.
 */
function startingEntries(input: UpdateInput): Managed {
  const live = input.old?.metadata.managedFields;
  const sent = input.obj.metadata?.managedFields;
  if (input.subresource) return decodeLive(live);
  if (isResetRequest(sent)) return new Map();
  // Most writes send back what they read; that needs no re-reading.
  if (sent === live || (Array.isArray(sent) && sent.length && jsonEqual(sent, live))) return decodeLive(live);
  try {
    const managed = decodeManaged(sent);
    if (managed.size) return managed;
  } catch (err) {
    if (!(err instanceof ManagedFieldsError || err instanceof FieldsV1Error)) throw err;
  }
  return decodeLive(live);
}

function updateManagedFields(input: UpdateInput, node: SchemaNode): ManagedFieldsEntry[] {
  const managed = startingEntries(input);
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

function gvkString(apiVersion: unknown, kind: unknown): string {
  const { group, version } = parseApiVersion(typeof apiVersion === 'string' ? apiVersion : '');
  return `${group}/${version}, Kind=${typeof kind === 'string' ? kind : ''}`;
}

function checkApplied(input: ApplyInput): void {
  const applied = input.applied as unknown;
  if (!isJsonObject(applied)) throw badRequest('error decoding patch: the applied configuration must be an object');
  const kind = input.kind ?? input.live?.kind;
  if (applied.apiVersion !== input.apiVersion || (kind !== undefined && applied.kind !== kind))
    throw badRequest(`invalid object type: ${gvkString(applied.apiVersion, applied.kind)}`);
  if (isJsonObject(applied.metadata) && applied.metadata.managedFields != null) throw badRequest('metadata.managedFields must be nil');
}

function applyConfiguration(input: ApplyInput, node: SchemaNode): KubeObject {
  checkApplied(input);
  let managed: Managed;
  try {
    managed = decodeManaged(input.live?.metadata.managedFields, { trusted: true });
  } catch (err) {
    if (err instanceof ManagedFieldsError || err instanceof FieldsV1Error) throw new StatusError(500, '', `failed to decode managed fields: ${err.message}`);
    throw err;
  }
  const live = withoutManagedFields(input.live);
  const config = input.applied as JsonObject;
  const reset = resetSet(input.resetFields);
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
  if (conflicts.length && !input.force) throw conflictError(conflicts);
  for (const [otherId, entry] of managed) if (otherId !== id) entry.set = difference(difference(entry.set, changed), c.removed);
  const own = managed.get(id)!;
  own.set = difference(own.set, NEVER_OWNED);

  const objectChanged = !jsonEqual(live ?? {}, merged);
  // A first apply that changes nothing still gets a time, so the entry is never undated.
  if (objectChanged || !own.time) own.time = input.time;
  const result = (objectChanged ? dropNullMembers(merged) : cloneJson(live ?? merged)) as KubeObject;
  if (!isJsonObject(result.metadata)) result.metadata = {};
  const entries = encodeManaged(managed);
  if (entries.length) result.metadata.managedFields = entries;
  else delete result.metadata.managedFields;
  return result;
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
