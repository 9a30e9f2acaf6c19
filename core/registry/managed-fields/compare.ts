import { fieldSchema, hasOwn, isJsonObject, itemSchema, jsonEqual, type JsonObject, type SchemaNode } from '../patch/index.js';
import { FieldSet } from './field-set.js';
import { indexItems } from './list-items.js';
import { fieldElement } from './path-element.js';
import { isEmptyList, isEmptyMap, shapeOf, type Shape } from './typed-shape.js';

// Which fields a write added, modified and removed, the way upstream compares
// two typed objects: leaves (scalars, atomic lists and maps, empty containers)
// compare by value, maps and associative lists are walked, and a map, list or
// item that appears or disappears counts itself along with everything below it.
//
// Upstream compares Go-typed objects, which always carry non-pointer structs
// (as {}) and required fields (as null) even when a client left them out. The
// schema's zero fields reproduce that shape, so a create does not count `spec`
// itself as added while it does count a new `metadata.labels` map.

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** Compares `before` (absent on create) with `after`. */
export function compareObjects(before: JsonObject | undefined, after: JsonObject, node: SchemaNode): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walkMap(before ?? {}, after, node, [], c);
  return c;
}

function compare(l: unknown, r: unknown, node: SchemaNode, path: string[], c: Comparison): void {
  const lShape = l === undefined || l === null ? undefined : shapeOf(node, l);
  const rShape = r === undefined || r === null ? undefined : shapeOf(node, r);
  const shape: Shape = lShape ?? rShape ?? { type: 'leaf' };
  if (lShape && rShape && lShape.type !== rShape.type) {
    // A value changing kind is one modified field; whatever the new value holds is new.
    c.modified.insert(path);
    if (rShape.type === 'map') walkMap(undefined, r as JsonObject, node, path, c);
    else if (rShape.type === 'list') walkList([], r as unknown[], node, rShape.sem, path, c);
    return;
  }
  if (shape.type === 'leaf' || (shape.type === 'map' && emptyMap(l) && emptyMap(r)) || (shape.type === 'list' && emptyList(l) && emptyList(r))) {
    if (l === undefined) c.added.insert(path);
    else if (r === undefined) c.removed.insert(path);
    else if (!jsonEqual(l, r)) c.modified.insert(path);
    return;
  }
  if (shape.type === 'map') walkMap(isJsonObject(l) ? l : undefined, isJsonObject(r) ? r : undefined, node, path, c);
  else walkList(Array.isArray(l) ? l : [], Array.isArray(r) ? r : [], node, shape.sem, path, c);
  if (l === undefined) c.added.insert(path);
  else if (r === undefined) c.removed.insert(path);
}

const emptyMap = (v: unknown) => v === undefined || v === null || isEmptyMap(v);
const emptyList = (v: unknown) => v === undefined || v === null || isEmptyList(v);

const NO_ZEROS = new Map<string, 'empty' | 'null'>();
const zeroCache = new WeakMap<SchemaNode, Map<string, 'empty' | 'null'>>();

function zerosOf(node: SchemaNode): Map<string, 'empty' | 'null'> {
  if (!node.zeroFields) return NO_ZEROS;
  let zeros = zeroCache.get(node);
  if (!zeros) {
    zeros = new Map(node.zeroFields().map((z) => [z.name, z.zero]));
    zeroCache.set(node, zeros);
  }
  return zeros;
}

function walkMap(l: JsonObject | undefined, r: JsonObject | undefined, node: SchemaNode, path: string[], c: Comparison): void {
  const zeros = zerosOf(node);
  const visitKey = (key: string) => {
    let lv = l && hasOwn(l, key) ? l[key] : undefined;
    let rv = r && hasOwn(r, key) ? r[key] : undefined;
    const zero = zeros.get(key);
    if (zero) {
      // Only a side whose parent exists carries the zero value.
      if (l && (lv === undefined || (lv === null && zero === 'empty'))) lv = zero === 'empty' ? {} : null;
      if (r && (rv === undefined || (rv === null && zero === 'empty'))) rv = zero === 'empty' ? {} : null;
    }
    if (lv === undefined && rv === undefined) return;
    path.push(fieldElement(key));
    compare(lv, rv, fieldSchema(node, key), path, c);
    path.pop();
  };
  if (l) for (const key of Object.keys(l)) visitKey(key);
  if (r) for (const key of Object.keys(r)) if (!l || !hasOwn(l, key)) visitKey(key);
}

function walkList(l: unknown[], r: unknown[], node: SchemaNode, sem: Extract<Shape, { type: 'list' }>['sem'], path: string[], c: Comparison): void {
  const left = indexItems(sem, node, l, path);
  const right = indexItems(sem, node, r, path);
  const itemNode = itemSchema(node);
  const occurrences = (list: unknown[], elements: string[], pe: string) => list.filter((_, i) => elements[i] === pe);
  const pes = [...left.order, ...right.order.filter((pe) => !left.items.has(pe))];
  for (const pe of pes) {
    const lDup = left.duplicates.has(pe);
    const rDup = right.duplicates.has(pe);
    path.push(pe);
    if (!lDup && !rDup) {
      compare(left.items.get(pe), right.items.get(pe), itemNode, path, c);
    } else if (lDup && rDup) {
      if (!jsonEqual(occurrences(l, left.elements, pe), occurrences(r, right.elements, pe))) c.modified.insert(path);
    } else if (lDup) {
      if (right.items.has(pe)) compare(undefined, right.items.get(pe), itemNode, path, c);
      c.removed.insert(path);
    } else {
      if (left.items.has(pe)) compare(left.items.get(pe), undefined, itemNode, path, c);
      c.added.insert(path);
    }
    path.pop();
  }
}
