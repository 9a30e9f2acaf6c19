import { hasOwn, isJsonObject, itemSchema, type ListSemantics, type SchemaNode } from '../patch/index.js';
import { goJson, keyElement, pathString, valueElement } from './path-element.js';

// How an item of an associative list is named in a field path: by its key
// fields (`k:`) in a map list, by its value (`v:`) in a set. A key field the item
// leaves out takes the schema default, and is otherwise left out of the key.

/** An object the schema cannot type, in upstream's words (`.spec.ports: element 0: ...`). */
export class TypedValueError extends Error {}

export function listItemElement(sem: ListSemantics, listNode: SchemaNode, item: unknown, path: readonly string[], index: number): string {
  // The common case, one key present: no sorting, no field list.
  if (sem.type === 'map' && sem.keys.length === 1 && isJsonObject(item) && hasOwn(item, sem.keys[0]))
    return `k:{${goJson(sem.keys[0])}:${goJson(item[sem.keys[0]])}}`;
  return computeElement(sem, listNode, item, path, index);
}

function computeElement(sem: ListSemantics, listNode: SchemaNode, item: unknown, path: readonly string[], index: number): string {
  const fail = (message: string): never => {
    throw new TypedValueError(`${pathString(path)}: element ${index}: ${message}`);
  };
  if (sem.type === 'set') {
    if (isJsonObject(item)) fail("associative list without keys has an element that's a map type");
    if (Array.isArray(item)) fail('not supported: associative list with lists as elements');
    return valueElement(item);
  }
  if (sem.type !== 'map') throw new Error('atomic lists have no item elements');
  if (item === null || item === undefined) fail('associative list with keys may not have a null element');
  if (!isJsonObject(item)) fail('associative list with keys may not have non-map elements');
  const obj = item as Record<string, unknown>;
  const node = itemSchema(listNode);
  const fields: Array<[string, unknown]> = [];
  for (const key of sem.keys) {
    if (hasOwn(obj, key)) fields.push([key, obj[key]]);
    else {
      const fallback = node.child(key)?.defaultValue;
      if (fallback !== undefined) fields.push([key, fallback]);
    }
  }
  if (fields.length === 0)
    fail(`associative list with keys has an element that omits all key fields [${sem.keys.map((k) => goJson(k)).join(' ')}] (and doesn't have default values for any key fields)`);
  return keyElement(fields);
}

/** Each item's path element, and the items by element in list order (first occurrence); repeated elements are reported, as upstream tracks them apart. */
export function indexItems(
  sem: ListSemantics,
  listNode: SchemaNode,
  list: readonly unknown[],
  path: readonly string[],
): { elements: string[]; order: string[]; items: Map<string, unknown>; duplicates: Set<string> } {
  const elements: string[] = [];
  const order: string[] = [];
  const items = new Map<string, unknown>();
  const duplicates = new Set<string>();
  list.forEach((item, i) => {
    const pe = listItemElement(sem, listNode, item, path, i);
    elements.push(pe);
    if (items.has(pe)) duplicates.add(pe);
    else {
      items.set(pe, item);
      order.push(pe);
    }
  });
  return { elements, order, items, duplicates };
}
