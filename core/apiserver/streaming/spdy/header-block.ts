import { SpdyProtocolError } from './frames.js';

/**
 * SPDY/3 headers: lowercase names, each with one or more values. On the wire several
 * values of one name travel as one string joined by NUL bytes.
 */
export type SpdyHeaders = Map<string, string[]>;

/** The uncompressed name/value block: `[u32 count]{[u32 len][name][u32 len][value]}`. */
export function encodeHeaderBlock(headers: SpdyHeaders): Buffer {
  const parts: Buffer[] = [u32(headers.size)];
  for (const [name, values] of headers) {
    const n = Buffer.from(name.toLowerCase(), 'utf8');
    const v = Buffer.from(values.join('\0'), 'utf8');
    parts.push(u32(n.length), n, u32(v.length), v);
  }
  return Buffer.concat(parts);
}

export function decodeHeaderBlock(block: Buffer): SpdyHeaders {
  let at = 0;
  const word = (): number => {
    if (at + 4 > block.length) throw new SpdyProtocolError('truncated header block');
    const v = block.readUInt32BE(at);
    at += 4;
    return v;
  };
  const bytes = (n: number): string => {
    if (at + n > block.length) throw new SpdyProtocolError('truncated header block');
    const s = block.toString('utf8', at, at + n);
    at += n;
    return s;
  };
  const count = word();
  const out: SpdyHeaders = new Map();
  for (let i = 0; i < count; i++) {
    const name = bytes(word()).toLowerCase();
    const values = bytes(word()).split('\0');
    out.set(name, [...(out.get(name) ?? []), ...values]);
  }
  return out;
}

/** The first value of a header, as HTTP's Header.Get would return it. */
export function headerValue(headers: SpdyHeaders, name: string): string | undefined {
  return headers.get(name.toLowerCase())?.[0];
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}
