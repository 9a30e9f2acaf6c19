import { badRequest, type FieldError, type StatusError } from '../../../../api/errors.js';
import type { KubeObject } from '../../../../api/types.js';

// Builders for upstream's field.Error kinds, so each strategy reads like the validation it mirrors.

export type Errors = FieldError[];

export const required = (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, detail });

export const invalid = (field: string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueInvalid', field, value, detail });

export const forbidden = (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, detail });

export const duplicate = (field: string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, value, detail: '' });

export const notFound = (field: string, value: unknown): FieldError => ({ type: 'FieldValueNotFound', field, value, detail: '' });

export function notSupported(field: string, value: unknown, values: readonly string[]): FieldError {
  return { type: 'FieldValueNotSupported', field, value, detail: values.length ? `supported values: ${values.map((v) => JSON.stringify(v)).join(', ')}` : '' };
}

/** Upstream stopped echoing the value and counts bytes since 1.32. */
export const tooLong = (field: string, max: number): FieldError => ({ type: 'FieldValueTooLong', field, detail: `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` });

export const tooMany = (field: string, actual: number, max: number): FieldError => ({ type: 'FieldValueTooMany', field, value: actual, detail: `must have at most ${max} ${max === 1 ? 'item' : 'items'}` });

export function nonNegative(field: string, value: unknown): Errors {
  return typeof value === 'number' && value < 0 ? [invalid(field, value, 'must be greater than or equal to 0')] : [];
}

export function inRange(field: string, value: number, lo: number, hi: number): Errors {
  return value < lo || value > hi ? [invalid(field, value, `must be between ${lo} and ${hi}, inclusive`)] : [];
}

export function immutable(field: string, value: unknown, old: unknown): Errors {
  return semanticEqual(value, old) ? [] : [invalid(field, value, 'field is immutable')];
}

/**
 * Go's semantic equality as the API machinery applies it: a missing collection equals an empty
 * one, so objects that went through the same defaulting compare the way upstream compares them.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(normalize) : undefined;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const n = normalize((v as Record<string, unknown>)[k]);
      if (n !== undefined && n !== null) out[k] = n;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}

/** What a body that fails to decode gets upstream: a 400, before any validation runs. */
export function decodeError(kind: string, apiVersion: string, why: string): StatusError {
  return badRequest(`${kind} in version "${apiVersion}" cannot be handled as a ${kind}: ${why}`);
}

/** Thrown where upstream fails while decoding (a malformed quantity); `decoding` turns it into the 400. */
export class DecodeProblem extends Error {}

/** Runs defaulting that may hit a DecodeProblem, answering as upstream's decoder would. */
export function decoding(obj: KubeObject, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    if (err instanceof DecodeProblem) throw decodeError(obj.kind ?? '', obj.apiVersion ?? '', err.message);
    throw err;
  }
}

export function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Arrays as the strategies walk them; anything else reads as empty. A null item reads as an
 * empty object, the zero value Go's decoder would have produced for it.
 */
export function listOf<T = Record<string, any>>(v: unknown): T[] {
  return Array.isArray(v) ? (v.map((x) => (x === null || x === undefined ? {} : x)) as T[]) : [];
}

export function entriesOf(v: unknown): Array<[string, unknown]> {
  return isObject(v) ? Object.entries(v) : [];
}
