// SPDY/3.1 frame layouts. Only byte shuffling lives here: header blocks stay compressed
// (see header-compression.ts) because their zlib context spans the whole connection.

export const SPDY_VERSION = 3;

export const FrameType = {
  SynStream: 1,
  SynReply: 2,
  RstStream: 3,
  Settings: 4,
  Ping: 6,
  GoAway: 7,
  Headers: 8,
  WindowUpdate: 9,
} as const;

export const FLAG_FIN = 0x01;
export const FLAG_UNIDIRECTIONAL = 0x02;

/** RST_STREAM status codes. */
export const RstStatus = {
  ProtocolError: 1,
  InvalidStream: 2,
  RefusedStream: 3,
  UnsupportedVersion: 4,
  Cancel: 5,
  InternalError: 6,
  FlowControlError: 7,
  StreamInUse: 8,
  StreamAlreadyClosed: 9,
} as const;

/** GOAWAY status codes. */
export const GoAwayStatus = { Ok: 0, ProtocolError: 1, InternalError: 2 } as const;

export const FRAME_HEADER_LENGTH = 8;
export const MAX_FRAME_LENGTH = 0xffffff;
const STREAM_ID_MASK = 0x7fffffff;

export interface ControlFrame {
  control: true;
  version: number;
  type: number;
  flags: number;
  payload: Buffer;
}

export interface DataFrame {
  control: false;
  streamId: number;
  flags: number;
  data: Buffer;
}

export type Frame = ControlFrame | DataFrame;

export class SpdyProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpdyProtocolError';
  }
}

function header(first: number, flags: number, length: number): Buffer {
  if (length > MAX_FRAME_LENGTH) throw new RangeError(`a SPDY frame carries at most ${MAX_FRAME_LENGTH} bytes, not ${length}`);
  const h = Buffer.alloc(FRAME_HEADER_LENGTH);
  h.writeUInt32BE(first >>> 0, 0);
  h.writeUInt32BE(((flags & 0xff) << 24 | length) >>> 0, 4);
  return h;
}

export function encodeControlFrame(type: number, flags: number, payload: Buffer): Buffer {
  return Buffer.concat([header((0x8000 | SPDY_VERSION) << 16 | type, flags, payload.length), payload]);
}

export function encodeDataFrame(streamId: number, flags: number, data: Buffer): Buffer {
  return Buffer.concat([header(streamId & STREAM_ID_MASK, flags, data.length), data]);
}

/** Splits a frame header from its payload; undefined until `buf` holds the whole frame. */
export function decodeFrame(buf: Buffer): { frame: Frame; size: number } | undefined {
  if (buf.length < FRAME_HEADER_LENGTH) return undefined;
  const first = buf.readUInt32BE(0);
  const second = buf.readUInt32BE(4);
  const flags = second >>> 24;
  const length = second & 0xffffff;
  const size = FRAME_HEADER_LENGTH + length;
  if (buf.length < size) return undefined;
  const body = buf.subarray(FRAME_HEADER_LENGTH, size);
  if (first & 0x80000000) {
    return { frame: { control: true, version: (first >>> 16) & 0x7fff, type: first & 0xffff, flags, payload: body }, size };
  }
  return { frame: { control: false, streamId: first & STREAM_ID_MASK, flags, data: body }, size };
}

function need(payload: Buffer, n: number, what: string): void {
  if (payload.length < n) throw new SpdyProtocolError(`${what} frame too short: ${payload.length} bytes`);
}

export interface SynStream {
  streamId: number;
  associatedId: number;
  priority: number;
  slot: number;
  headerBlock: Buffer;
}

export function parseSynStream(payload: Buffer): SynStream {
  need(payload, 10, 'SYN_STREAM');
  return {
    streamId: payload.readUInt32BE(0) & STREAM_ID_MASK,
    associatedId: payload.readUInt32BE(4) & STREAM_ID_MASK,
    priority: payload[8] >>> 5,
    slot: payload[9],
    headerBlock: payload.subarray(10),
  };
}

export function synStreamPayload(s: SynStream): Buffer {
  const fixed = Buffer.alloc(10);
  fixed.writeUInt32BE(s.streamId & STREAM_ID_MASK, 0);
  fixed.writeUInt32BE(s.associatedId & STREAM_ID_MASK, 4);
  fixed[8] = (s.priority & 0x7) << 5;
  fixed[9] = s.slot & 0xff;
  return Buffer.concat([fixed, s.headerBlock]);
}

/** SYN_REPLY and HEADERS share a layout: a stream id and a header block. */
export function parseStreamHeaders(payload: Buffer, what: string): { streamId: number; headerBlock: Buffer } {
  need(payload, 4, what);
  return { streamId: payload.readUInt32BE(0) & STREAM_ID_MASK, headerBlock: payload.subarray(4) };
}

export function streamHeadersPayload(streamId: number, headerBlock: Buffer): Buffer {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(streamId & STREAM_ID_MASK);
  return Buffer.concat([id, headerBlock]);
}

/** RST_STREAM, GOAWAY and WINDOW_UPDATE are two 32-bit words. */
export function parseTwoWords(payload: Buffer, what: string): [number, number] {
  need(payload, 8, what);
  return [payload.readUInt32BE(0) & STREAM_ID_MASK, payload.readUInt32BE(4)];
}

export function twoWordsPayload(a: number, b: number): Buffer {
  const p = Buffer.alloc(8);
  p.writeUInt32BE(a & STREAM_ID_MASK, 0);
  p.writeUInt32BE(b >>> 0, 4);
  return p;
}

export function parsePing(payload: Buffer): number {
  need(payload, 4, 'PING');
  return payload.readUInt32BE(0);
}

export function pingPayload(id: number): Buffer {
  const p = Buffer.alloc(4);
  p.writeUInt32BE(id >>> 0);
  return p;
}

export interface Setting {
  flags: number;
  id: number;
  value: number;
}

export function parseSettings(payload: Buffer): Setting[] {
  need(payload, 4, 'SETTINGS');
  const count = payload.readUInt32BE(0);
  need(payload, 4 + count * 8, 'SETTINGS');
  const out: Setting[] = [];
  for (let i = 0; i < count; i++) {
    const word = payload.readUInt32BE(4 + i * 8);
    out.push({ flags: word >>> 24, id: word & 0xffffff, value: payload.readUInt32BE(8 + i * 8) });
  }
  return out;
}
