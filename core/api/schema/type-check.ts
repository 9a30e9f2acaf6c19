// Basic type validation against the built-in schemas, worded the way
// upstream's OpenAPI validation words it, e.g.
//   spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"
import { schemaNode, type BuiltinSchemaNode } from './schema-node.js';

export interface FieldTypeError {
  field: string;
  /** The message after the field, as it appears in a Status cause. */
  message: string;
  type: 'FieldValueTypeInvalid';
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'bigint') return 'integer';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** The JSON types a scalar schema accepts. */
function acceptedTypes(node: BuiltinSchemaNode): string[] | undefined {
  const schema = node.schema;
  if (schema['x-kubernetes-int-or-string']) return ['integer', 'string'];
  if (schema.oneOf) {
    const types = schema.oneOf.map((s) => s.type).filter((t): t is NonNullable<typeof t> => t !== undefined);
    return types.length > 0 ? types : undefined;
  }
  return schema.type ? [schema.type] : undefined;
}

function accepts(expected: string, actual: string): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer');
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function walk(value: unknown, node: BuiltinSchemaNode, path: string, errors: FieldTypeError[]): void {
  // Go decodes null into the zero value of any field, so null is never a type error here.
  if (value === null || value === undefined || node.kind === 'unknown') return;
  const actual = jsonType(value);
  const expected =
    node.kind === 'object' || node.kind === 'map' ? ['object'] : node.kind === 'array' ? ['array'] : acceptedTypes(node);
  if (expected && !expected.some((t) => accepts(t, actual))) {
    const field = path || '<root>';
    errors.push({
      field,
      message: `Invalid value: "${actual}": ${field} in body must be of type ${expected.join(',')}: "${actual}"`,
      type: 'FieldValueTypeInvalid',
    });
    return;
  }
  if (Array.isArray(value)) {
    const items = node.items();
    if (items) value.forEach((item, i) => walk(item, items, `${path}[${i}]`, errors));
    return;
  }
  if (actual !== 'object') return;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const child = node.kind === 'map' ? node.mapValues() : node.child(key) ?? node.mapValues();
    if (child) walk(v, child, join(path, key), errors);
  }
}

/** Type mismatches in document order; unknown fields are findUnknownFields' business and are skipped. */
export function checkTypes(obj: unknown, defName: string): FieldTypeError[] {
  const node = schemaNode(defName);
  if (!node) throw new Error(`no schema definition ${defName}`);
  const errors: FieldTypeError[] = [];
  walk(obj, node, '', errors);
  return errors;
}
