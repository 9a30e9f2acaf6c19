import { hasOwn, isJsonObject, type JsonObject } from './json-values.js';
import { badArgType, goFormat, noMergeKey, patchNotApplicable, plainServerError } from './patch-errors.js';
import { itemSchema, type SchemaNode } from './schema-walker.js';
import { cleanNewValue, DIRECTIVE } from './strategic-merge-values.js';

// The list half of strategic merge patch: merging lists by merge key (or as
// sets of scalars), the `$patch` items inside them, and the order of the
// result. Order follows upstream: items named by the patch keep the patch's
// order, items only the server has keep theirs, and the two interleave by the
// server's order where both are known.

export type ItemKind = 'map' | 'string' | 'number' | 'boolean' | 'null';
export type MergeItem = (original: JsonObject, patch: JsonObject, node: SchemaNode) => JsonObject;

function kindOfItem(v: unknown): ItemKind | 'list' {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'map';
  return typeof v as 'string' | 'number' | 'boolean';
}

/** The one element type of the given lists; upstream refuses mixed lists and lists of lists. */
export function sliceElementKind(...lists: unknown[][]): ItemKind {
  let kind: ItemKind | 'list' | undefined;
  for (const list of lists)
    for (const v of list) {
      const k = kindOfItem(v);
      if (kind === undefined) {
        if (k === 'list') throw patchNotApplicable('lists of lists are not supported');
        kind = k;
      } else if (kind !== k) {
        throw plainServerError(`list element types are not identical: ${goFormat(lists)}`);
      }
    }
  if (kind === undefined) throw plainServerError('no elements in any of the given slices');
  return kind as ItemKind;
}

/** Position of each item's identity (its merge key value, or the scalar itself) in `order`, first occurrence wins. */
function positions(order: readonly unknown[] | undefined, mergeKey: string, kind: ItemKind): Map<unknown, number> {
  const pos = new Map<unknown, number>();
  (order ?? []).forEach((item, i) => {
    const id = identity(item, mergeKey, kind);
    if (!pos.has(id)) pos.set(id, i);
  });
  return pos;
}

function identity(item: unknown, mergeKey: string, kind: ItemKind): unknown {
  if (kind !== 'map') return item;
  return isJsonObject(item) && hasOwn(item, mergeKey) ? item[mergeKey] : undefined;
}

function requireKeyedMaps(list: readonly unknown[], mergeKey: string): void {
  for (const item of list) {
    if (!isJsonObject(item)) throw badArgType('map', item);
    if (!hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
  }
}

function sortByOrder(toSort: unknown[], order: readonly unknown[] | undefined, mergeKey: string, kind: ItemKind): unknown[] {
  let rest = toSort;
  let deleted: unknown[] = [];
  if (kind === 'map') {
    requireKeyedMaps(toSort, mergeKey);
    requireKeyedMaps(order ?? [], mergeKey);
    rest = toSort.filter((item) => (item as JsonObject)[DIRECTIVE] !== 'delete');
    deleted = toSort.filter((item) => (item as JsonObject)[DIRECTIVE] === 'delete');
  }
  const pos = positions(order, mergeKey, kind);
  const rank = (item: unknown) => pos.get(identity(item, mergeKey, kind)) ?? Number.MAX_SAFE_INTEGER;
  return [...rest.map((item, i) => ({ item, r: rank(item), i })).sort((a, b) => a.r - b.r || a.i - b.i).map((e) => e.item), ...deleted];
}

/**
 * Patch items in patch order, server-only items in server order, interleaved:
 * a server-only item goes first only when the server had it before the next patch item.
 */
export function normalizeElementOrder(
  patchItems: unknown[],
  serverOnly: unknown[],
  patchOrder: readonly unknown[] | undefined,
  serverOrder: readonly unknown[] | undefined,
  mergeKey: string,
  kind: ItemKind,
): unknown[] {
  const right = sortByOrder(patchItems, patchOrder, mergeKey, kind);
  const left = sortByOrder(serverOnly, serverOrder, mergeKey, kind);
  const pos = positions(serverOrder, mergeKey, kind);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = pos.get(identity(left[i], mergeKey, kind));
      const ri = pos.get(identity(right[j], mergeKey, kind));
      if (li !== undefined && ri !== undefined && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** Splits `merged` into the items `by` names and the rest, keeping their order. */
export function partitionByPresence(merged: unknown[], by: readonly unknown[] | undefined, mergeKey: string): [unknown[], unknown[]] {
  const named: unknown[] = [];
  const rest: unknown[] = [];
  if (!mergeKey) {
    const inPatch = new Set(by ?? []);
    for (const v of merged) (inPatch.has(v) ? named : rest).push(v);
    return [named, rest];
  }
  const keys = new Set<unknown>();
  for (const v of by ?? []) {
    if (!isJsonObject(v)) throw plainServerError(`value for key ${goFormat(v)} is not a map`);
    if (hasOwn(v, mergeKey)) keys.add(v[mergeKey]);
  }
  for (const v of merged) {
    if (!isJsonObject(v)) throw badArgType('map', v);
    if (!hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
    (keys.has(v[mergeKey]) ? named : rest).push(v);
  }
  return [named, rest];
}

function findByKey(list: readonly unknown[], mergeKey: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isJsonObject(item)) throw plainServerError(`value for key ${i} is not a map`);
    if (hasOwn(item, mergeKey) && item[mergeKey] === value) return i;
  }
  return -1;
}

/** Merges two lists the strategic way (`merge` strategy or a `$deleteFromPrimitiveList` directive). */
export function mergeSlice(original: unknown[], patch: unknown[], node: SchemaNode, mergeKey: string, isDeleteList: boolean, mergeItem: MergeItem): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let merged: unknown[];
  let serverOrder = original;
  let patchOrder: unknown[] | undefined = patch;
  if (kind !== 'map') {
    if (isDeleteList) {
      const doomed = new Set(patch);
      return original.filter((v) => !doomed.has(v));
    }
    merged = [...new Set([...original, ...patch])];
  } else {
    if (!mergeKey) throw plainServerError('cannot merge lists without merge key');
    const special = applySpecialItems(original, patch, mergeKey);
    serverOrder = special.original;
    patchOrder = special.patch;
    merged = mergeKeyedItems(special.original, special.patch ?? [], mergeKey, itemSchema(node), mergeItem);
  }
  const [patchItems, serverOnly] = partitionByPresence(merged, patchOrder, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, patchOrder, serverOrder, mergeKey, kind);
}

/** `$patch: delete` items drop their match from the original; `$patch: replace` makes the rest of the patch the whole list. */
function applySpecialItems(original: unknown[], patch: unknown[], mergeKey: string): { original: unknown[]; patch: unknown[] | undefined } {
  let kept = original;
  const plain: unknown[] = [];
  let replace = false;
  for (const item of patch as JsonObject[]) {
    if (!hasOwn(item, DIRECTIVE)) {
      plain.push(item);
      continue;
    }
    switch (item[DIRECTIVE]) {
      case 'delete': {
        if (!hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
        const value = item[mergeKey];
        findByKey(kept, mergeKey, value);
        kept = kept.filter((v) => !(isJsonObject(v) && hasOwn(v, mergeKey) && v[mergeKey] === value));
        break;
      }
      case 'replace':
        replace = true;
        break;
      case 'merge':
        throw plainServerError('merging lists cannot yet be specified in the patch');
      default:
        throw plainServerError(`unknown patch type: ${goFormat(item[DIRECTIVE])} in map: ${goFormat(item)}`);
    }
  }
  return replace ? { original: plain.map((v) => cleanNewValue(v).value), patch: undefined } : { original: kept, patch: plain };
}

function mergeKeyedItems(original: unknown[], patch: unknown[], mergeKey: string, node: SchemaNode, mergeItem: MergeItem): unknown[] {
  const out = original.slice();
  for (const item of patch as JsonObject[]) {
    if (!hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
    const at = findByKey(out, mergeKey, item[mergeKey]);
    if (at >= 0) out[at] = mergeItem(out[at] as JsonObject, item, node);
    else out.push(cleanNewValue(item).value);
  }
  return out;
}
