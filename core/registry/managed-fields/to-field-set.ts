import { fieldSchema, isNamedField, itemSchema, type JsonObject, type ListSemantics, type SchemaNode } from '../patch/index.js';
import { FieldSet } from './field-set.js';
import { listItemElement, TypedValueError } from './list-items.js';
import { elementString, fieldElement, pathString } from './path-element.js';
import { isEmptyMap, shapeOf } from './typed-shape.js';

// The fields an object sets, as upstream's ToFieldSet counts them: every leaf;
// every associative-list item; a map key when the schema does not declare it as
// a field, or when its value is null or an empty map. Declared fields holding
// non-empty maps or lists appear only through what lies below them.

export function toFieldSet(obj: JsonObject, node: SchemaNode, options: { rejectDuplicates?: boolean } = {}): FieldSet {
  const set = new FieldSet();
  visitMap(obj, node, set, [], !!options.rejectDuplicates);
  return set;
}

function visit(value: unknown, node: SchemaNode, at: FieldSet, path: string[], rejectDuplicates: boolean): void {
  const shape = shapeOf(node, value);
  if (shape.type === 'map') visitMap(value as JsonObject, node, at, path, rejectDuplicates);
  else if (shape.type === 'list') visitList(value as unknown[], node, shape.sem, at, path, rejectDuplicates);
  else at.member = true;
}

function visitMap(obj: JsonObject, node: SchemaNode, at: FieldSet, path: string[], rejectDuplicates: boolean): void {
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    const pe = fieldElement(key);
    const child = at.descend(pe);
    path.push(pe);
    visit(value, fieldSchema(node, key), child, path, rejectDuplicates);
    path.pop();
    if (value === null || isEmptyMap(value) || !isNamedField(node, key)) child.member = true;
    if (!child.member && child.isEmpty()) at.children!.delete(pe);
  }
}

function visitList(
  list: unknown[],
  node: SchemaNode,
  sem: ListSemantics,
  at: FieldSet,
  path: string[],
  rejectDuplicates: boolean,
): void {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  const elements = list.map((item, i) => listItemElement(sem, node, item, path, i));
  for (const pe of elements) {
    if (seen.has(pe)) duplicates.add(pe);
    seen.add(pe);
  }
  if (duplicates.size && rejectDuplicates) throw duplicateError(path, duplicates.values().next().value as string);
  const itemNode = itemSchema(node);
  elements.forEach((pe, i) => {
    const child = at.descend(pe);
    child.member = true;
    if (duplicates.has(pe)) return;
    path.push(pe);
    visit(list[i], itemNode, child, path, rejectDuplicates);
    path.pop();
  });
}

export function duplicateError(path: readonly string[], pe: string): TypedValueError {
  return new TypedValueError(`${pathString(path)}: duplicate entries for key ${elementString(pe)}`);
}
