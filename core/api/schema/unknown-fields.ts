// Strict field validation for built-in kinds: which fields of an object the
// schema does not declare (fieldValidation=Strict rejects them, Warn reports
// them) and the object without them (Ignore drops them silently, like Go's
// decoder does).
import { schemaNode, type BuiltinSchemaNode } from './schema-node.js';

type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function walk(value: Json, node: BuiltinSchemaNode, path: string, found: string[]): void {
  if (node.kind === 'unknown') return;
  if (Array.isArray(value)) {
    const items = node.kind === 'array' ? node.items() : undefined;
    if (items) value.forEach((item, i) => walk(item, items, `${path}[${i}]`, found));
    return;
  }
  if (!isPlainObject(value)) return;
  if (node.kind === 'map') {
    const values = node.mapValues();
    if (values) for (const [key, v] of Object.entries(value)) walk(v, values, join(path, key), found);
    return;
  }
  if (node.kind !== 'object') return;
  for (const [key, v] of Object.entries(value)) {
    const child = node.child(key) ?? node.mapValues();
    if (child) walk(v, child, join(path, key), found);
    else found.push(join(path, key));
  }
}

function requireNode(defName: string): BuiltinSchemaNode {
  const node = schemaNode(defName);
  if (!node) throw new Error(`no schema definition ${defName}`);
  return node;
}

/**
 * Paths of fields the schema does not know, in document order, written the
 * way upstream's strict decoding errors name them: `spec.bogus`,
 * `spec.template.spec.containers[0].bogus`.
 */
export function findUnknownFields(obj: unknown, defName: string): string[] {
  const found: string[] = [];
  walk(obj, requireNode(defName), '', found);
  return found;
}

function pruneValue(value: Json, node: BuiltinSchemaNode): Json {
  if (node.kind === 'unknown') return value;
  if (Array.isArray(value)) {
    const items = node.kind === 'array' ? node.items() : undefined;
    return items ? value.map((item) => pruneValue(item, items)) : value;
  }
  if (!isPlainObject(value) || (node.kind !== 'object' && node.kind !== 'map')) return value;
  const out: Record<string, Json> = {};
  for (const [key, v] of Object.entries(value)) {
    const child = node.kind === 'map' ? node.mapValues() : node.child(key) ?? node.mapValues();
    if (child) out[key] = pruneValue(v, child);
  }
  return out;
}

/** A copy of the object without the fields findUnknownFields would report; the input is left alone. */
export function prune<T>(obj: T, defName: string): T {
  return pruneValue(obj, requireNode(defName)) as T;
}
