import { cloneJson, fieldSchema, hasOwn, itemSchema, setOwn, type JsonObject, type SchemaNode } from '../patch/index.js';
import { indexItems } from './list-items.js';
import { fieldElement } from './path-element.js';
import { duplicateError } from './to-field-set.js';
import { isEmptyList, isEmptyMap, shapeOf, type Shape } from './typed-shape.js';

// Server-side apply's merge of an applied configuration into the live object:
// maps merge key by key, associative lists merge item by item (keeping the live
// order for items the configuration does not mention and the configuration's
// order for the ones it does), and every leaf the configuration sets replaces
// the live one.

type ListSem = Extract<Shape, { type: 'list' }>['sem'];

export function mergeApplied(live: JsonObject, config: JsonObject, node: SchemaNode): JsonObject {
  return mergeMaps(live, config, node, []);
}

function merge(l: unknown, r: unknown, node: SchemaNode, path: string[]): unknown {
  if (r === undefined) return l;
  if (l === undefined || l === null) return cloneConfig(r, node, path);
  const lShape = shapeOf(node, l);
  if (r === null) {
    // Null only empties a leaf: a map or list the live object fills keeps its content, as upstream merges it.
    return lShape.type !== 'leaf' && !isEmptyMap(l) && !isEmptyList(l) ? l : null;
  }
  const rShape = shapeOf(node, r);
  if (lShape.type !== rShape.type || rShape.type === 'leaf') return cloneConfig(r, node, path);
  if (rShape.type === 'map') return mergeMaps(l as JsonObject, r as JsonObject, node, path);
  if (isEmptyList(r) && isEmptyList(l)) return [];
  return mergeLists(l as unknown[], r as unknown[], node, rShape.sem, path);
}

function mergeMaps(l: JsonObject, r: JsonObject, node: SchemaNode, path: string[]): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(l)) {
    path.push(fieldElement(key));
    setOwn(out, key, hasOwn(r, key) ? merge(l[key], r[key], fieldSchema(node, key), path) : l[key]);
    path.pop();
  }
  for (const key of Object.keys(r)) {
    if (hasOwn(l, key)) continue;
    path.push(fieldElement(key));
    setOwn(out, key, merge(undefined, r[key], fieldSchema(node, key), path));
    path.pop();
  }
  return out;
}

/** A copy of a configuration value that the live object does not have, checked for duplicate list keys on the way. */
function cloneConfig(r: unknown, node: SchemaNode, path: string[]): unknown {
  if (r === null || r === undefined) return r;
  const shape = shapeOf(node, r);
  if (shape.type === 'map') return mergeMaps({}, r as JsonObject, node, path);
  if (shape.type === 'list') return mergeLists([], r as unknown[], node, shape.sem, path);
  return cloneJson(r);
}

/**
 * Items only the live list has stay where they are; items the configuration
 * names come in its order, each shared item placed when the walk through the
 * live list reaches the next one the configuration expects.
 */
function mergeLists(l: unknown[], r: unknown[], node: SchemaNode, sem: ListSem, path: string[]): unknown[] {
  const itemNode = itemSchema(node);
  const right = indexItems(sem, node, r, path);
  if (right.duplicates.size) throw duplicateError(path, right.duplicates.values().next().value as string);
  const left = indexItems(sem, node, l, path);
  // A repeated live item cannot be matched to one configuration item; it merges as if absent.
  const leftValue = (pe: string) => (left.duplicates.has(pe) ? null : left.items.get(pe));
  const lhs = left.elements;
  const rhs = right.order;
  const shared = rhs.filter((pe) => left.items.has(pe));
  let sharedAt = 0;
  let nextShared = shared[sharedAt++];
  const done = new Set<string>();
  const out: unknown[] = [];
  const mergeItem = (pe: string, lv: unknown, rv: unknown) => {
    path.push(pe);
    out.push(merge(lv, rv, itemNode, path));
    path.pop();
  };
  let li = 0;
  let ri = 0;
  while (li < lhs.length || ri < rhs.length) {
    if (li < lhs.length && ri < rhs.length) {
      if (lhs[li] === rhs[ri]) {
        done.add(rhs[ri]);
        mergeItem(rhs[ri], leftValue(rhs[ri]), right.items.get(rhs[ri]));
        li++;
        ri++;
        nextShared = shared[sharedAt++];
        continue;
      }
      if (right.items.has(lhs[li]) && nextShared !== undefined && nextShared !== lhs[li]) {
        li++;
        continue;
      }
    }
    if (li < lhs.length) {
      const pe = lhs[li];
      if (!right.items.has(pe)) {
        out.push(l[li]);
        li++;
        continue;
      }
      if (done.has(pe)) li++;
    }
    if (ri < rhs.length) {
      const pe = rhs[ri];
      done.add(pe);
      mergeItem(pe, leftValue(pe), right.items.get(pe));
      ri++;
      if (nextShared !== undefined && nextShared === pe) nextShared = shared[sharedAt++];
    }
  }
  return out;
}
