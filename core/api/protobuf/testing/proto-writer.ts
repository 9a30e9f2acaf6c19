// A tiny protobuf writer for hand-built test vectors: no schema, just fields.

export type ProtoValue =
  | { varint: number | bigint }
  | { string: string }
  | { bytes: Uint8Array }
  | { message: ProtoField[] }
  | { fixed32: number }
  | { fixed64: bigint }
  | { packed: Array<number | bigint> };

export type ProtoField = [number, ProtoValue];

function varintBytes(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

function lengthDelimited(number: number, payload: number[]): number[] {
  return [...varintBytes((number << 3) | 2), ...varintBytes(payload.length), ...payload];
}

export function encodeFields(fields: ProtoField[]): number[] {
  const out: number[] = [];
  for (const [number, value] of fields) {
    if ('varint' in value) out.push(...varintBytes(number << 3), ...varintBytes(value.varint));
    else if ('string' in value) out.push(...lengthDelimited(number, [...new TextEncoder().encode(value.string)]));
    else if ('bytes' in value) out.push(...lengthDelimited(number, [...value.bytes]));
    else if ('message' in value) out.push(...lengthDelimited(number, encodeFields(value.message)));
    else if ('packed' in value) out.push(...lengthDelimited(number, value.packed.flatMap((v) => varintBytes(v))));
    else if ('fixed32' in value) {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setUint32(0, value.fixed32, true);
      out.push(...varintBytes((number << 3) | 5), ...b);
    } else {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigUint64(0, value.fixed64, true);
      out.push(...varintBytes((number << 3) | 1), ...b);
    }
  }
  return out;
}

/** Shorthands that read like the object being built. */
export const str = (s: string): ProtoValue => ({ string: s });
export const int = (n: number | bigint): ProtoValue => ({ varint: n });
export const msg = (...fields: ProtoField[]): ProtoValue => ({ message: fields });
export const bytes = (b: Uint8Array | string): ProtoValue => ({
  bytes: typeof b === 'string' ? new TextEncoder().encode(b) : b,
});

/** Wraps an object's message in the k8s\0 + runtime.Unknown envelope. */
export function kubernetesEnvelope(apiVersion: string, kind: string, object: ProtoField[]): Uint8Array {
  return new Uint8Array([
    0x6b, 0x38, 0x73, 0x00,
    ...encodeFields([
      [1, msg([1, str(apiVersion)], [2, str(kind)])],
      [2, { bytes: new Uint8Array(encodeFields(object)) }],
      [3, str('')],
      [4, str('')],
    ]),
  ]);
}
