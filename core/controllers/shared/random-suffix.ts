import { randomInt } from 'node:crypto';

/** Upstream's alphabet for generated names and hashes: no vowels, no look-alike digits. */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += SAFE_ALPHABET[randomInt(SAFE_ALPHABET.length)];
  return s;
}

/** Upstream's SafeEncodeString: maps each byte into the safe alphabet. */
export function safeEncode(text: string): string {
  let s = '';
  for (let i = 0; i < text.length; i++) s += SAFE_ALPHABET[text.charCodeAt(i) % SAFE_ALPHABET.length];
  return s;
}
