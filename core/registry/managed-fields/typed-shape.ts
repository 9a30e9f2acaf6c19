import { isJsonObject, listSemantics, type ListSemantics, type SchemaNode } from '../patch/index.js';

// What a value is for field management, given its schema: a map merged key by
// key, an associative list merged item by item, or a leaf owned (and replaced)
// as a whole. Parts without a schema are typed by their value the way upstream
// deduces them: maps are granular, lists atomic.

export type Shape = { type: 'leaf' } | { type: 'map' } | { type: 'list'; sem: Exclude<ListSemantics, { type: 'atomic' }> };

const LEAF: Shape = { type: 'leaf' };
const MAP: Shape = { type: 'map' };
const listShapes = new WeakMap<SchemaNode, Shape>();

export function shapeOf(node: SchemaNode, value: unknown): Shape {
  if (isJsonObject(value)) return (node.kind === 'object' || node.kind === 'map' || node.kind === 'unknown') && node.mapType !== 'atomic' ? MAP : LEAF;
  if (Array.isArray(value)) return listShape(node);
  return LEAF;
}

/** The shape of a list node regardless of value (atomic lists and non-lists are leaves). */
export function listShape(node: SchemaNode): Shape {
  if (node.kind !== 'array') return LEAF;
  let shape = listShapes.get(node);
  if (!shape) {
    const sem = listSemantics(node);
    shape = sem.type === 'atomic' ? LEAF : { type: 'list', sem };
    listShapes.set(node, shape);
  }
  return shape;
}

/** Whether two values take the same shape under `node` (a change of shape makes the node one modified leaf). */
export function sameShape(node: SchemaNode, a: unknown, b: unknown): boolean {
  return shapeOf(node, a).type === shapeOf(node, b).type && Array.isArray(a) === Array.isArray(b) && isJsonObject(a) === isJsonObject(b);
}

export const isEmptyMap = (v: unknown): boolean => isJsonObject(v) && Object.keys(v).length === 0;
export const isEmptyList = (v: unknown): boolean => Array.isArray(v) && v.length === 0;
