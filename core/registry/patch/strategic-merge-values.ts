import { isJsonObject } from './json-values.js';

export const DIRECTIVE = '$patch';
export const RETAIN_KEYS = '$retainKeys';
export const SET_ELEMENT_ORDER = '$setElementOrder';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';

function isDirectiveKey(key: string): boolean {
  return key === RETAIN_KEYS || key.startsWith(`${SET_ELEMENT_ORDER}/`) || key.startsWith(`${DELETE_FROM_PRIMITIVE_LIST}/`);
}

/**
 * A patch value that lands where the original had nothing is taken as is, minus
 * what a typed object could not hold: null members (upstream drops them before
 * decoding) and directives, with a map that is itself a `$patch` directive
 * dropped entirely (`keep` false).
 */
export function cleanNewValue(value: unknown): { value: unknown; keep: boolean } {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const cleaned = cleanNewValue(item);
      if (cleaned.keep) out.push(cleaned.value);
    }
    return { value: out, keep: true };
  }
  if (isJsonObject(value)) {
    if (Object.prototype.hasOwnProperty.call(value, DIRECTIVE)) return { value: undefined, keep: false };
    for (const key of Object.keys(value)) {
      const member = value[key];
      if (member === null || isDirectiveKey(key)) {
        delete value[key];
        continue;
      }
      const cleaned = cleanNewValue(member);
      if (cleaned.keep) value[key] = cleaned.value;
      else delete value[key];
    }
  }
  return { value, keep: true };
}
