// Just enough protobuf wire decoding to read FileDescriptorProto messages.
// Build-time only; the runtime decoder lives in core/api/protobuf.

/**
 * Walks one message and calls onField(number, wireType, value) for each field.
 * Length-delimited values are Buffers, varints are BigInt, fixed values Buffers.
 * @param {Buffer} buf
 * @param {(number: number, wireType: number, value: bigint | Buffer) => void} onField
 */
export function forEachField(buf, onField) {
  let at = 0;
  const varint = () => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (at >= buf.length) throw new Error('truncated varint');
      const b = buf[at++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  while (at < buf.length) {
    const tag = Number(varint());
    const number = tag >>> 3;
    const wireType = tag & 7;
    switch (wireType) {
      case 0:
        onField(number, wireType, varint());
        break;
      case 1:
        onField(number, wireType, buf.subarray(at, (at += 8)));
        break;
      case 2: {
        const length = Number(varint());
        onField(number, wireType, buf.subarray(at, (at += length)));
        break;
      }
      case 5:
        onField(number, wireType, buf.subarray(at, (at += 4)));
        break;
      default:
        throw new Error(`unsupported wire type ${wireType}`);
    }
  }
}
