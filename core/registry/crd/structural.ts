import type { FieldError } from '../../api/errors.js';

/** A CRD version's openAPIV3Schema (structural), as stored in the CRD. */
export type Structural = {
  type?: string;
  properties?: Record<string, Structural>;
  items?: Structural;
  additionalProperties?: Structural | boolean;
  required?: string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  pattern?: string;
  format?: string;
  nullable?: boolean;
  default?: unknown;
  description?: string;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  [key: string]: unknown;
};

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function render(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? 'null';
}

/** OpenAPI v3 validation of a custom resource, in the words upstream's validator uses. */
export function validateStructural(value: unknown, schema: Structural, path: string, errs: FieldError[]): void {
  if (value === null || value === undefined) {
    if (value === null && !schema.nullable && schema.type && !schema['x-kubernetes-preserve-unknown-fields'])
      errs.push({ type: 'FieldValueTypeInvalid', field: path, detail: '', message: `Invalid value: "null": ${path} in body must be of type ${schema.type}: "null"` });
    return;
  }
  const actual = typeOf(value);
  if (schema['x-kubernetes-int-or-string']) {
    if (actual !== 'integer' && actual !== 'string') errs.push({ type: 'FieldValueTypeInvalid', field: path, detail: '', message: `Invalid value: ${render(value)}: ${path} in body must be of type integer,string: "${actual}"` });
    return;
  }
  if (schema.type) {
    const ok = schema.type === actual || (schema.type === 'number' && actual === 'integer');
    if (!ok) {
      errs.push({ type: 'FieldValueTypeInvalid', field: path, detail: '', message: `Invalid value: "${actual}": ${path} in body must be of type ${schema.type}: "${actual}"` });
      return;
    }
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)))
    errs.push({ type: 'FieldValueNotSupported', field: path, value, detail: `supported values: ${schema.enum.map(render).join(', ')}` });
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum))
      errs.push({ type: 'FieldValueInvalid', field: path, value, detail: `${path} in body should be greater than ${schema.exclusiveMinimum ? '' : 'or equal to '}${schema.minimum}` });
    if (schema.maximum !== undefined && (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum))
      errs.push({ type: 'FieldValueInvalid', field: path, value, detail: `${path} in body should be less than ${schema.exclusiveMaximum ? '' : 'or equal to '}${schema.maximum}` });
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      errs.push({ type: 'FieldValueInvalid', field: path, value, detail: `${path} in body should be at least ${schema.minLength} chars long` });
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      errs.push({ type: 'FieldValueTooLong', field: path, detail: `may not be more than ${schema.maxLength} bytes` });
    if (schema.pattern) {
      let re: RegExp | undefined;
      try {
        re = new RegExp(schema.pattern, 'u');
      } catch {
        re = undefined;
      }
      if (re && !re.test(value)) errs.push({ type: 'FieldValueInvalid', field: path, value, detail: `${path} in body should match '${schema.pattern}'` });
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errs.push({ type: 'FieldValueInvalid', field: path, value, detail: `${path} in body should have at least ${schema.minItems} items` });
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errs.push({ type: 'FieldValueTooMany', field: path, detail: `must have at most ${schema.maxItems} items` });
    if (schema.items) value.forEach((v, i) => validateStructural(v, schema.items!, `${path}[${i}]`, errs));
    return;
  }
  if (actual === 'object') {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (obj[r] === undefined) errs.push({ type: 'FieldValueRequired', field: join(path, r), detail: '' });
    const n = Object.keys(obj).length;
    if (schema.minProperties !== undefined && n < schema.minProperties) errs.push({ type: 'FieldValueInvalid', field: path, value: n, detail: `${path} in body should have at least ${schema.minProperties} properties` });
    if (schema.maxProperties !== undefined && n > schema.maxProperties) errs.push({ type: 'FieldValueTooMany', field: path, detail: `must have at most ${schema.maxProperties} items` });
    for (const [k, v] of Object.entries(obj)) {
      const child = schema.properties?.[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (child) validateStructural(v, child, join(path, k), errs);
    }
  }
}

/** Fields the schema does not know, as paths; with `drop` they are removed in place. */
export function unknownStructural(value: unknown, schema: Structural, path: string, drop: boolean, out: string[]): void {
  if (schema['x-kubernetes-preserve-unknown-fields'] && !schema.properties) return;
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((v, i) => unknownStructural(v, schema.items!, `${path}[${i}]`, drop, out));
    return;
  }
  if (!value || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    const child = schema.properties?.[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    if (child) unknownStructural(obj[k], child, join(path, k), drop, out);
    else if (schema.additionalProperties === true || schema['x-kubernetes-preserve-unknown-fields']) continue;
    else if (schema.properties || schema.type === 'object') {
      out.push(join(path, k));
      if (drop) delete obj[k];
    }
  }
}

/** Fills `default` values from the schema, as the apiserver does on read and write. */
export function applyStructuralDefaults(value: unknown, schema: Structural): void {
  if (Array.isArray(value)) {
    if (schema.items) for (const v of value) applyStructuralDefaults(v, schema.items);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  for (const [k, child] of Object.entries(schema.properties ?? {})) {
    if (obj[k] === undefined && child.default !== undefined) obj[k] = JSON.parse(JSON.stringify(child.default));
    if (obj[k] !== undefined) applyStructuralDefaults(obj[k], child);
  }
  if (typeof schema.additionalProperties === 'object') for (const v of Object.values(obj)) applyStructuralDefaults(v, schema.additionalProperties);
}
