// Go's base64.StdEncoding decoding, which is what turns a Secret's `data` into bytes upstream.
// Node's decoder skips garbage silently; Go rejects it and names the offending byte, and that
// message is what kubectl prints.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Map([...ALPHABET].map((c, i) => [c, i]));

export class Base64Error extends Error {
  constructor(readonly offset: number) {
    super(`illegal base64 data at input byte ${offset}`);
    this.name = 'Base64Error';
  }
}

const isNewline = (c: string | undefined) => c === '\n' || c === '\r';

/** Decodes like Go's StdEncoding (padding required, CR/LF ignored); throws Base64Error. */
export function decodeBase64Strict(src: string): Buffer {
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const quantum: number[] = [];
    let dlen = 4;
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Buffer.from(out);
        throw new Base64Error(si - j);
      }
      const c = src[si++];
      const v = DECODE.get(c);
      if (v !== undefined) {
        quantum[j] = v;
        continue;
      }
      if (isNewline(c)) {
        j--;
        continue;
      }
      if (c !== '=') throw new Base64Error(si - 1);
      // Padding: only after two or three symbols, and "==" must be complete.
      if (j === 0 || j === 1) throw new Base64Error(si - 1);
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) throw new Base64Error(src.length);
        if (src[si] !== '=') throw new Base64Error(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) throw new Base64Error(si);
      dlen = j;
      break;
    }
    const [a, b, c, d] = [quantum[0] ?? 0, quantum[1] ?? 0, quantum[2] ?? 0, quantum[3] ?? 0];
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    const bytes = [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
    out.push(...bytes.slice(0, dlen - 1));
    if (dlen < 4) break;
  }
  return Buffer.from(out);
}
