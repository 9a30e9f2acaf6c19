// Decodes one proto message into the JSON that Go's encoding/json would print
// for the same Go struct. Two passes per message: collect raw values by field
// (so repeated occurrences merge the way proto requires), then emit them in
// struct order applying Go's JSON rules (omitempty on non-pointer scalars,
// zero structs still printed, embedded structs flattened).
import { WireError } from './errors.js';
import {
  WireReader, WIRE_VARINT, WIRE_FIXED64, WIRE_LENGTH_DELIMITED, WIRE_FIXED32,
} from './wire-reader.js';
import { findMessage, type FieldDescriptor, type FieldKind, type MessageDescriptor } from './descriptors.js';
import { formatGoDuration, formatMicroTime, formatTime, toBase64 } from './special-values.js';

const MAX_DEPTH = 100;
// Non-fatal: invalid UTF-8 becomes U+FFFD, as encoding/json does when printing.
const utf8 = new TextDecoder('utf-8');

export interface DecodeContext {
  buf: Uint8Array;
  /** What to emit for an int64 that a double cannot hold exactly. */
  unsafeInt64: 'number' | 'bigint';
  /** Decodes a RawExtension that carries a nested k8s protobuf object. */
  decodeEmbedded(bytes: Uint8Array): unknown;
}

type Range = [number, number];
type RawScalar = string | number | bigint | boolean | Uint8Array;

function expectedWireType(kind: FieldKind): number {
  switch (kind) {
    case 'string': case 'bytes': case 'message': return WIRE_LENGTH_DELIMITED;
    case 'fixed64': case 'sfixed64': case 'double': return WIRE_FIXED64;
    case 'fixed32': case 'sfixed32': case 'float': return WIRE_FIXED32;
    default: return WIRE_VARINT;
  }
}

function requireMessage(typeName: string | null): MessageDescriptor {
  const message = typeName === null ? undefined : findMessage(typeName);
  if (!message) throw new WireError(`no descriptor for message ${typeName}`, 'UnknownKind');
  return message;
}

function readScalar(r: WireReader, kind: FieldKind): RawScalar {
  switch (kind) {
    case 'string': {
      const [s, e] = r.lengthDelimited();
      return utf8.decode(r.buf.subarray(s, e));
    }
    case 'bytes': {
      const [s, e] = r.lengthDelimited();
      return r.buf.subarray(s, e);
    }
    case 'bool': {
      const v = r.varint();
      return typeof v === 'bigint' ? v !== 0n : v !== 0;
    }
    case 'int32': case 'enum': return r.int32();
    case 'uint32': {
      const v = r.varint();
      return typeof v === 'bigint' ? Number(v & 0xffffffffn) : v >>> 0;
    }
    case 'int64': {
      const v = r.varint();
      return typeof v === 'bigint' ? BigInt.asIntN(64, v) : v;
    }
    case 'uint64': return r.varint();
    case 'sint32': {
      const v = r.int32();
      return (v >>> 1) ^ -(v & 1);
    }
    case 'sint64': {
      const v = BigInt(r.varint());
      return (v >> 1n) ^ -(v & 1n);
    }
    case 'fixed32': return r.fixed(4).getUint32(0, true);
    case 'sfixed32': return r.fixed(4).getInt32(0, true);
    case 'float': return r.fixed(4).getFloat32(0, true);
    case 'fixed64': return r.fixed(8).getBigUint64(0, true);
    case 'sfixed64': return r.fixed(8).getBigInt64(0, true);
    case 'double': return r.fixed(8).getFloat64(0, true);
    default: throw new WireError(`field kind ${kind} is not a scalar`);
  }
}

function int64Json(value: number | bigint, ctx: DecodeContext): number | bigint {
  if (typeof value === 'number') return value;
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) || ctx.unsafeInt64 === 'number' ? asNumber : value;
}

function scalarJson(kind: FieldKind, value: RawScalar, ctx: DecodeContext): unknown {
  if (value instanceof Uint8Array) return toBase64(value);
  if (typeof value === 'bigint') return int64Json(value, ctx);
  return value;
}

function isZero(value: RawScalar): boolean {
  if (value instanceof Uint8Array) return value.length === 0;
  return value === '' || value === 0 || value === 0n || value === false;
}

function zeroOf(kind: FieldKind): RawScalar {
  switch (kind) {
    case 'string': return '';
    case 'bytes': return new Uint8Array(0);
    case 'bool': return false;
    default: return 0;
  }
}

function sortedObject(entries: Map<string, unknown>): Record<string, unknown> {
  // encoding/json prints map keys in sorted order.
  const out: Record<string, unknown> = {};
  for (const key of [...entries.keys()].sort()) out[key] = entries.get(key);
  return out;
}

function readField(
  r: WireReader, field: FieldDescriptor, wireType: number, values: unknown[], ctx: DecodeContext, depth: number,
): void {
  const expected = expectedWireType(field.kind);
  const packed = field.repeated && field.kind !== 'message' && expected !== WIRE_LENGTH_DELIMITED &&
    wireType === WIRE_LENGTH_DELIMITED;
  if (wireType !== expected && !packed) {
    throw new WireError(`wire type ${wireType} where ${expected} was expected at byte ${r.pos}`);
  }
  if (field.isMap) {
    const [s, e] = r.lengthDelimited();
    const entry = requireMessage(field.typeName);
    const raw = collect([[s, e]], entry, ctx, depth + 1);
    const keyField = entry.byNumber.get(1);
    const valueField = entry.byNumber.get(2);
    if (!keyField || !valueField) throw new WireError(`map entry ${entry.name} lacks key or value`);
    const key = String(scalarJson(keyField.kind, (raw[keyField.index] as RawScalar | undefined) ?? zeroOf(keyField.kind), ctx));
    let value: unknown;
    try {
      value = fieldValue(valueField, raw[valueField.index], ctx, depth + 1, true);
    } catch (err) {
      throw err instanceof WireError ? err.within(`[${key}]`) : err;
    }
    const map = (values[field.index] ??= new Map<string, unknown>()) as Map<string, unknown>;
    map.set(key, value);
    return;
  }
  if (field.repeated) {
    const list = (values[field.index] ??= []) as unknown[];
    if (field.kind === 'message') {
      const [s, e] = r.lengthDelimited();
      try {
        list.push(messageJson(requireMessage(field.typeName), [[s, e]], ctx, depth + 1) ?? null);
      } catch (err) {
        throw err instanceof WireError ? err.within(`[${list.length}]`) : err;
      }
    } else if (packed) {
      const [s, e] = r.lengthDelimited();
      const inner = new WireReader(r.buf, s, e);
      while (!inner.done) list.push(scalarJson(field.kind, readScalar(inner, field.kind), ctx));
    } else {
      list.push(scalarJson(field.kind, readScalar(r, field.kind), ctx));
    }
    return;
  }
  if (field.kind === 'message') {
    // A singular message seen twice merges; keeping every range and
    // collecting them in order gives exactly proto's merge semantics.
    ((values[field.index] ??= []) as Range[]).push(r.lengthDelimited());
    return;
  }
  values[field.index] = readScalar(r, field.kind);
}

/** Reads the raw field values of a message spread over one or more byte ranges. */
function collect(ranges: Range[], message: MessageDescriptor, ctx: DecodeContext, depth: number): unknown[] {
  if (depth > MAX_DEPTH) throw new WireError(`objects nested more than ${MAX_DEPTH} levels deep`);
  const values: unknown[] = new Array(message.fields.length);
  for (const [start, end] of ranges) {
    const r = new WireReader(ctx.buf, start, end);
    while (!r.done) {
      const tagAt = r.pos;
      const tag = r.uint32();
      const number = tag >>> 3;
      const wireType = tag & 7;
      if (number === 0) throw new WireError(`invalid field number 0 at byte ${tagAt}`);
      const field = message.byNumber.get(number);
      if (!field) {
        r.skip(wireType, number);
        continue;
      }
      try {
        readField(r, field, wireType, values, ctx, depth);
      } catch (err) {
        throw err instanceof WireError && !field.inline ? err.within(field.jsonName) : err;
      }
    }
  }
  return values;
}

function rawBytes(message: MessageDescriptor, values: unknown[]): Uint8Array | undefined {
  const field = message.byNumber.get(1);
  const value = field ? values[field.index] : undefined;
  return value instanceof Uint8Array && value.length > 0 ? value : undefined;
}

function parseEmbeddedJson(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch {
    throw new WireError(`${what} does not hold valid JSON`);
  }
}

const KUBERNETES_MAGIC = [0x6b, 0x38, 0x73, 0x00];

/** The JSON value of a message whose Go type marshals itself; undefined means Go prints null. */
function specialJson(message: MessageDescriptor, ranges: Range[], ctx: DecodeContext, depth: number): unknown {
  const values = collect(ranges, message, ctx, depth);
  const get = (n: number): unknown => {
    const field = message.byNumber.get(n);
    return field ? values[field.index] : undefined;
  };
  switch (message.special) {
    case 'time':
    case 'microTime': {
      const seconds = (get(1) as number | bigint | undefined) ?? 0;
      const nanos = (get(2) as number | undefined) ?? 0;
      // An all-zero timestamp is Go's zero time, which prints as null.
      if ((seconds === 0 || seconds === 0n) && nanos === 0) return undefined;
      return message.special === 'time' ? formatTime(seconds, nanos) : formatMicroTime(seconds, nanos);
    }
    case 'duration':
      return formatGoDuration((get(1) as number | bigint | undefined) ?? 0);
    case 'intOrString': {
      const type = get(1);
      return type === 1 || type === 1n ? ((get(3) as string | undefined) ?? '') : ((get(2) as number | undefined) ?? 0);
    }
    case 'quantity':
      return (get(1) as string | undefined) || '0';
    case 'rawExtension': {
      const raw = rawBytes(message, values);
      if (!raw) return undefined;
      if (raw.length >= 4 && KUBERNETES_MAGIC.every((b, i) => raw[i] === b)) return ctx.decodeEmbedded(raw);
      return parseEmbeddedJson(raw, 'embedded object (RawExtension)');
    }
    case 'fieldsV1': {
      const raw = rawBytes(message, values);
      return raw ? parseEmbeddedJson(raw, 'fieldsV1') : undefined;
    }
    case 'list':
      return ((get(1) as RawScalar[] | undefined) ?? []).slice();
    default:
      throw new WireError(`unknown special type ${String(message.special)}`);
  }
}

/** JSON of a message from its byte ranges (none means Go's zero value). */
export function messageJson(message: MessageDescriptor, ranges: Range[], ctx: DecodeContext, depth: number): unknown {
  if (message.special) return specialJson(message, ranges, ctx, depth);
  return emitObject(message, collect(ranges, message, ctx, depth), ctx, depth);
}

/**
 * A singular field's JSON value, or undefined when Go's JSON would omit it.
 * Map values behave like non-pointer fields that are never omitted.
 */
function fieldValue(field: FieldDescriptor, raw: unknown, ctx: DecodeContext, depth: number, mapValue = false): unknown {
  if (field.kind === 'message') {
    if (raw === undefined && field.nullable && !mapValue) return undefined;
    return messageJson(requireMessage(field.typeName), (raw as Range[] | undefined) ?? [], ctx, depth + 1);
  }
  let value = raw as RawScalar | undefined;
  if (mapValue) return scalarJson(field.kind, value ?? zeroOf(field.kind), ctx);
  if (value === undefined) {
    if (field.nullable || !field.keepZero) return undefined;
    value = zeroOf(field.kind);
  } else if (!field.nullable && !field.keepZero && isZero(value)) {
    return undefined;
  }
  return scalarJson(field.kind, value, ctx);
}

function emitObject(message: MessageDescriptor, values: unknown[], ctx: DecodeContext, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of message.fields) {
    const raw = values[field.index];
    if (field.isMap) {
      const map = raw as Map<string, unknown> | undefined;
      if (map && map.size > 0) out[field.jsonName] = sortedObject(map);
      continue;
    }
    if (field.repeated) {
      const list = raw as unknown[] | undefined;
      if (list && list.length > 0) out[field.jsonName] = list;
      continue;
    }
    let value: unknown;
    try {
      value = fieldValue(field, raw, ctx, depth);
    } catch (err) {
      throw err instanceof WireError && !field.inline ? err.within(field.jsonName) : err;
    }
    if (value === undefined) continue;
    if (field.inline) {
      if (value !== null && typeof value === 'object') Object.assign(out, value);
      continue;
    }
    out[field.jsonName] = value;
  }
  return out;
}
