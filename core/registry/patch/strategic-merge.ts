import type { KubeObject } from '../../api/types.js';
import { badRequest } from '../../api/errors.js';
import { cloneJson, goJsonTypeName, hasOwn, isJsonObject, setOwn, type JsonObject } from './json-values.js';
import { badArgType, goFormat, plainServerError, refuseProtoKeys } from './patch-errors.js';
import { resolveSchema } from './resolve-schema.js';
import { fieldSchema, type SchemaNode } from './schema-walker.js';
import { mergeSlice, normalizeElementOrder, partitionByPresence, sliceElementKind } from './strategic-merge-lists.js';
import { cleanNewValue, DELETE_FROM_PRIMITIVE_LIST, DIRECTIVE, RETAIN_KEYS, SET_ELEMENT_ORDER } from './strategic-merge-values.js';
import type { StrategicMergePatch } from './types.js';

// Strategic merge patch as the API server applies what kubectl, helm and
// controllers send (apimachinery's strategicpatch with parallel deletion lists
// merged and unmatched nulls ignored). Maps merge, null deletes, and lists merge
// by the schema's patch strategy and merge key or are replaced; the `$patch`,
// `$retainKeys`, `$setElementOrder/` and `$deleteFromPrimitiveList/` directives
// are honoured. Parts the schema does not describe merge like a JSON merge patch.

/** Applies `patch` to a copy of `original` using the kind's schema. */
export const strategicMergePatch: StrategicMergePatch = (original, patch, schema) => applyStrategicMergePatch(original, patch, resolveSchema(schema));

export function applyStrategicMergePatch<T extends KubeObject | JsonObject>(original: T, patch: unknown, node: SchemaNode): T {
  if (patch === null || patch === undefined) return cloneJson(original);
  if (!isJsonObject(patch)) throw badRequest(`json: cannot unmarshal ${goJsonTypeName(patch)} into Go value of type map[string]interface {}`);
  refuseProtoKeys(patch);
  return mergeMap(cloneJson(original) as JsonObject, cloneJson(patch), node) as T;
}

function strategyOf(node: SchemaNode): string {
  const strategies = node.patchStrategy ? node.patchStrategy.split(',') : [];
  if (strategies.length > 2 || (strategies.length === 2 && !strategies.includes('retainKeys')))
    throw plainServerError(`unexpected patch strategy: [${strategies.join(' ')}]`);
  return strategies.find((s) => s !== 'retainKeys') ?? '';
}

function extractKey(key: string, prefix: string, error: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) throw badRequest(error);
  return key.slice(slash + 1);
}

type Shape = 'object' | 'array' | 'scalar' | 'null';
const shapeOf = (v: unknown): Shape => (v === null || v === undefined ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : 'scalar');

/** Merges `patch` into `original` in place (both are private copies) and returns the result. */
function mergeMap(original: JsonObject | undefined, patch: JsonObject, node: SchemaNode): JsonObject {
  if (hasOwn(patch, DIRECTIVE)) {
    const directive = patch[DIRECTIVE];
    if (directive === 'replace') {
      delete patch[DIRECTIVE];
      return cleanNewValue(patch).value as JsonObject;
    }
    if (directive === 'delete') return {};
    throw plainServerError(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(patch)}`);
  }
  const target = original ?? {};
  applyRetainKeys(target, patch);
  mergeElementOrderLists(target, patch, node);
  for (const rawKey of Object.keys(patch)) {
    let key = rawKey;
    const isDeleteList = rawKey.startsWith(DELETE_FROM_PRIMITIVE_LIST);
    if (isDeleteList) key = extractKey(rawKey, DELETE_FROM_PRIMITIVE_LIST, 'invalid patch format of primitive list');
    const patchValue = patch[rawKey];
    if (patchValue === null) {
      delete target[key];
      continue;
    }
    const current = hasOwn(target, key) ? target[key] : undefined;
    if (!hasOwn(target, key) || shapeOf(current) !== shapeOf(patchValue)) {
      if (!isDeleteList) {
        const cleaned = cleanNewValue(patchValue);
        if (cleaned.keep) setOwn(target, key, cleaned.value);
        else delete target[key];
      }
      continue;
    }
    const child = fieldSchema(node, key);
    if (isJsonObject(patchValue)) {
      target[key] = strategyOf(child) === 'replace' ? cleanNewValue(patchValue).value : mergeMap(current as JsonObject, patchValue, child);
    } else if (Array.isArray(patchValue)) {
      target[key] = mergeListField(current as unknown[], patchValue, child, isDeleteList);
    } else {
      target[key] = patchValue;
    }
  }
  return target;
}

function mergeListField(current: unknown[], patch: unknown[], node: SchemaNode, isDeleteList: boolean): unknown[] {
  if (strategyOf(node) === 'merge' || isDeleteList) return mergeSlice(current, patch, node, node.mergeKey ?? '', isDeleteList, mergeMap);
  return cleanNewValue(patch).value as unknown[];
}

/** `$retainKeys` clears every key of the original it does not list; the patch may only set listed keys. */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!hasOwn(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(retain)) throw badRequest('invalid patch format of retainKeys');
  const keep = new Set<unknown>(retain);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(key)) throw badRequest('invalid patch format of retainKeys');
  }
  for (const key of Object.keys(original)) if (!keep.has(key)) delete original[key];
}

/**
 * `$setElementOrder/<list>` fixes the order of the merged list: items it names
 * come in its order, the server's other items keep their place relative to them.
 * The list it governs is merged here too, so the main loop skips it.
 */
function mergeElementOrderLists(original: JsonObject, patch: JsonObject, node: SchemaNode): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw badArgType('slice', order);
    const listKey = extractKey(key, SET_ELEMENT_ORDER, 'invalid patch format of setElementOrder list');
    const foundOriginal = hasOwn(original, listKey);
    const foundPatch = hasOwn(patch, listKey);
    const originalList = foundOriginal ? original[listKey] : undefined;
    const patchList = foundPatch ? patch[listKey] : undefined;
    if (foundOriginal && !Array.isArray(originalList)) throw badArgType('slice', originalList);
    if (foundPatch && !Array.isArray(patchList)) throw badArgType('slice', patchList);
    const child = fieldSchema(node, listKey);
    const strategy = strategyOf(child);
    const mergeKey = child.mergeKey ?? '';
    checkOrderMatchesPatch((patchList as unknown[] | undefined) ?? [], order, mergeKey);
    let merged: unknown[];
    if (foundOriginal && foundPatch) {
      merged =
        strategy === 'merge'
          ? mergeSlice(originalList as unknown[], patchList as unknown[], child, mergeKey, false, mergeMap)
          : (cleanNewValue(patchList).value as unknown[]);
    } else if (foundOriginal) merged = originalList as unknown[];
    else if (foundPatch) merged = cleanNewValue(patchList).value as unknown[];
    else continue;
    const [named, serverOnly] = partitionByPresence(merged, order, mergeKey);
    const kind = sliceElementKind((originalList as unknown[] | undefined) ?? [], (patchList as unknown[] | undefined) ?? []);
    original[listKey] = normalizeElementOrder(named, serverOnly, order, originalList as unknown[] | undefined, mergeKey, kind);
    delete patch[listKey];
  }
}

/** Every item the patch list sets must appear in `$setElementOrder` in the same relative order. */
function checkOrderMatchesPatch(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (!order.length || !patchList.length) return;
  const items = mergeKey ? patchList.filter((item) => !(isJsonObject(item) && item[DIRECTIVE] === 'delete')) : patchList;
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p];
    if (isJsonObject(item) && hasOwn(item, DIRECTIVE)) {
      p++;
      continue;
    }
    if (sameItem(item, order[o], mergeKey)) p++;
    o++;
  }
  if (p < items.length)
    throw plainServerError(`The order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goFormat(order)}\n`);
}

function sameItem(a: unknown, b: unknown, mergeKey: string): boolean {
  if (!mergeKey) return a === b;
  if (!isJsonObject(a)) throw badArgType('map', a);
  if (!isJsonObject(b)) throw badArgType('map', b);
  if (!hasOwn(a, mergeKey)) throw plainServerError(`map: ${goFormat(a)} does not contain declared merge key: ${mergeKey}`);
  if (!hasOwn(b, mergeKey)) throw plainServerError(`map: ${goFormat(b)} does not contain declared merge key: ${mergeKey}`);
  return a[mergeKey] === b[mergeKey];
}
