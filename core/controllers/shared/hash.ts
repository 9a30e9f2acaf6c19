import { canonicalJson } from '../../util/canonical-json.js';
import { safeEncode } from './random-suffix.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a 32-bit, continuing from `h`. */
export function fnv32a(bytes: Uint8Array, h = FNV_OFFSET): number {
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h >>> 0;
}

/** FNV-1 32-bit (multiply then xor), which ControllerRevision names use upstream. */
export function fnv32(bytes: Uint8Array, h = FNV_OFFSET): number {
  for (const b of bytes) {
    h = Math.imul(h, FNV_PRIME) >>> 0;
    h ^= b;
  }
  return h >>> 0;
}

export { canonicalJson };

const utf8 = new TextEncoder();

/**
 * The pod-template-hash as upstream's ComputeHash builds it: FNV-32a over a deterministic
 * serialisation of the template, then the collision count as four little-endian bytes, then the
 * decimal sum in the safe alphabet.
 */
export function computeTemplateHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(utf8.encode(canonicalJson(template ?? {})));
  if (collisionCount !== undefined && collisionCount !== null) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(b, h);
  }
  return safeEncode(String(h));
}

/** A ControllerRevision's hash: FNV-32 over its data, then the collision count as decimal text. */
export function controllerRevisionHash(data: unknown, collisionCount?: number): string {
  let h = fnv32(utf8.encode(canonicalJson(data ?? {})));
  if (collisionCount !== undefined && collisionCount !== null) h = fnv32(utf8.encode(String(collisionCount)), h);
  return safeEncode(String(h));
}
