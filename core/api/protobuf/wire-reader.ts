// Bounds-checked reading of protobuf wire data. Offsets in errors are absolute
// positions in the request body, which is what a person debugging a client
// compares against a hex dump.
import { WireError } from './errors.js';

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

const MAX_VARINT_BYTES = 10;
// Seven 7-bit groups = 49 bits, always exact in a double; longer varints go through BigInt.
const EXACT_NUMBER_BYTES = 7;

export class WireReader {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** A varint that must fit in 32 unsigned bits: tags and lengths. */
  uint32(): number {
    const start = this.pos;
    const value = this.varint();
    if (typeof value === 'bigint' || value > 0xffffffff) {
      throw new WireError(`varint at byte ${start} is too large`);
    }
    return value;
  }

  /** An int32/enum field: Go sign-extends negatives to ten bytes, so keep the low 32 bits. */
  int32(): number {
    const value = this.varint();
    return typeof value === 'bigint' ? Number(BigInt.asIntN(32, value)) : value | 0;
  }

  /** Any varint: an exact number when it has at most 49 bits, otherwise a BigInt. */
  varint(): number | bigint {
    const { buf, end } = this;
    const start = this.pos;
    let result = 0;
    let multiplier = 1;
    for (let i = 0; i < EXACT_NUMBER_BYTES; i++) {
      if (this.pos >= end) throw new WireError(`truncated varint at byte ${start}`);
      const b = buf[this.pos++];
      result += (b & 0x7f) * multiplier;
      if ((b & 0x80) === 0) return result;
      multiplier *= 128;
    }
    let big = BigInt(result);
    let shift = 49n;
    for (let i = EXACT_NUMBER_BYTES; i < MAX_VARINT_BYTES; i++) {
      if (this.pos >= end) throw new WireError(`truncated varint at byte ${start}`);
      const b = buf[this.pos++];
      big |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return BigInt.asUintN(64, big);
      shift += 7n;
    }
    throw new WireError(`varint longer than ${MAX_VARINT_BYTES} bytes at byte ${start}`);
  }

  /** Reads a length prefix and returns the [start, end) range it covers, advancing past it. */
  lengthDelimited(): [number, number] {
    const at = this.pos;
    const length = this.uint32();
    const start = this.pos;
    if (length > this.end - start) {
      throw new WireError(`length ${length} at byte ${at} runs past the end of its message (byte ${this.end})`);
    }
    this.pos = start + length;
    return [start, start + length];
  }

  fixed(bytes: 4 | 8): DataView {
    const start = this.pos;
    if (this.end - start < bytes) throw new WireError(`truncated ${bytes * 8}-bit value at byte ${start}`);
    this.pos += bytes;
    return new DataView(this.buf.buffer, this.buf.byteOffset + start, bytes);
  }

  /** Skips a field we have no descriptor for (forward compatibility, as Go does). */
  skip(wireType: number, fieldNumber: number, depth = 0): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.fixed(8);
        return;
      case WIRE_LENGTH_DELIMITED:
        this.lengthDelimited();
        return;
      case WIRE_FIXED32:
        this.fixed(4);
        return;
      case WIRE_START_GROUP:
        this.skipGroup(fieldNumber, depth);
        return;
      default:
        throw new WireError(`invalid wire type ${wireType} for field ${fieldNumber} at byte ${this.pos}`);
    }
  }

  private skipGroup(fieldNumber: number, depth: number): void {
    if (depth > 64) throw new WireError(`groups nested too deeply at byte ${this.pos}`);
    for (;;) {
      if (this.done) throw new WireError(`unterminated group ${fieldNumber}`);
      const tag = this.uint32();
      const wireType = tag & 7;
      const number = tag >>> 3;
      if (wireType === WIRE_END_GROUP) {
        if (number !== fieldNumber) throw new WireError(`mismatched end of group ${number} at byte ${this.pos}`);
        return;
      }
      this.skip(wireType, number, depth + 1);
    }
  }
}
