import type { KubeObject } from '../../../../api/types.js';
import { Base64Error, decodeBase64Strict } from '../common/base64.js';
import { decodeError, entriesOf, forbidden, invalid, isObject, semanticEqual, type Errors } from '../common/field.js';
import { configKeyProblems } from '../common/names.js';

// What Secrets and ConfigMaps share: byte maps that arrive base64-encoded, key rules, the 1 MiB
// cap and the `immutable` flag.

export const MAX_DATA_BYTES = 1024 * 1024;

/**
 * Decodes a []byte map as Go's JSON decoder would (a 400 naming the bad byte) and rewrites each
 * value in the canonical encoding upstream serves back. Returns the decoded sizes.
 */
export function canonicalBytes(obj: KubeObject, field: 'data' | 'binaryData'): number {
  let total = 0;
  const map = obj[field];
  if (!isObject(map)) return 0;
  for (const [k, v] of Object.entries(map)) {
    if (typeof v !== 'string') continue;
    try {
      const bytes = decodeBase64Strict(v);
      total += bytes.length;
      map[k] = bytes.toString('base64');
    } catch (err) {
      if (err instanceof Base64Error) throw decodeError(obj.kind ?? '', obj.apiVersion ?? 'v1', err.message);
      throw err;
    }
  }
  return total;
}

export function decodedSize(map: unknown): number {
  let total = 0;
  for (const [, v] of entriesOf(map)) if (typeof v === 'string') total += Buffer.from(v, 'base64').length;
  return total;
}

export function keyErrors(map: unknown, field: string): Errors {
  const errs: Errors = [];
  for (const [k] of entriesOf(map)) for (const m of configKeyProblems(k)) errs.push(invalid(`${field}[${k}]`, k, m));
  return errs;
}

/** Once `immutable: true` is stored, the flag and the payload stay as they are. */
export function immutableErrors(obj: KubeObject, old: KubeObject, fields: string[]): Errors {
  if (old.immutable !== true) return [];
  const errs: Errors = [];
  if (obj.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) if (!semanticEqual(obj[f], old[f])) errs.push(forbidden(f, 'field is immutable when `immutable` is set'));
  return errs;
}
