import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SPDY3_DICTIONARY } from './dictionary.js';
import { FrameReader } from './frame-reader.js';
import {
  FLAG_FIN,
  FrameType,
  decodeFrame,
  encodeControlFrame,
  encodeDataFrame,
  parsePing,
  parseSettings,
  parseStreamHeaders,
  parseSynStream,
  parseTwoWords,
  pingPayload,
  streamHeadersPayload,
  synStreamPayload,
  twoWordsPayload,
} from './frames.js';
import { decodeHeaderBlock, encodeHeaderBlock } from './header-block.js';

describe('SPDY/3 dictionary', () => {
  it('is byte for byte the one in the specification', () => {
    expect(SPDY3_DICTIONARY.length).toBe(1423);
    // zlib puts the dictionary's Adler-32 on the wire; 0xe3c6a7c2 is the id every SPDY/3 peer expects.
    const deflated = zlib.deflateSync(Buffer.from('x'), { dictionary: SPDY3_DICTIONARY });
    expect(deflated.readUInt32BE(2)).toBe(0xe3c6a7c2);
    expect(createHash('sha256').update(SPDY3_DICTIONARY).digest('hex')).toBe('51d27341373f923f3cd88e1eb7162aeaa3723d7585ff2399201dc06498407f02');
  });
});

describe('SPDY frames', () => {
  it('lays out a control frame header as the spec says', () => {
    const f = encodeControlFrame(FrameType.Ping, 0, pingPayload(7));
    expect([...f]).toEqual([0x80, 0x03, 0x00, 0x06, 0x00, 0x00, 0x00, 0x04, 0, 0, 0, 7]);
  });

  it('lays out a data frame header with its FIN flag', () => {
    const f = encodeDataFrame(3, FLAG_FIN, Buffer.from('hi'));
    expect([...f]).toEqual([0, 0, 0, 3, 0x01, 0, 0, 2, 0x68, 0x69]);
  });

  it('round-trips SYN_STREAM, SYN_REPLY, RST_STREAM, GOAWAY and PING', () => {
    const block = Buffer.from('compressed headers');
    const syn = decodeFrame(encodeControlFrame(FrameType.SynStream, FLAG_FIN, synStreamPayload({ streamId: 5, associatedId: 0, priority: 7, slot: 0, headerBlock: block })))!;
    expect(syn.frame).toMatchObject({ control: true, version: 3, type: FrameType.SynStream, flags: FLAG_FIN });
    if (!syn.frame.control) throw new Error('not control');
    expect(parseSynStream(syn.frame.payload)).toEqual({ streamId: 5, associatedId: 0, priority: 7, slot: 0, headerBlock: block });

    const reply = decodeFrame(encodeControlFrame(FrameType.SynReply, 0, streamHeadersPayload(0x7fffffff, block)))!;
    if (!reply.frame.control) throw new Error('not control');
    expect(parseStreamHeaders(reply.frame.payload, 'SYN_REPLY')).toEqual({ streamId: 0x7fffffff, headerBlock: block });

    for (const type of [FrameType.RstStream, FrameType.GoAway, FrameType.WindowUpdate]) {
      const f = decodeFrame(encodeControlFrame(type, 0, twoWordsPayload(9, 5)))!;
      if (!f.frame.control) throw new Error('not control');
      expect(f.frame.type).toBe(type);
      expect(parseTwoWords(f.frame.payload, 'x')).toEqual([9, 5]);
    }

    const ping = decodeFrame(encodeControlFrame(FrameType.Ping, 0, pingPayload(0xfffffffe)))!;
    if (!ping.frame.control) throw new Error('not control');
    expect(parsePing(ping.frame.payload)).toBe(0xfffffffe);
  });

  it('reads SETTINGS entries', () => {
    const p = Buffer.alloc(4 + 16);
    p.writeUInt32BE(2, 0);
    p.writeUInt32BE(0x01000004, 4);
    p.writeUInt32BE(100, 8);
    p.writeUInt32BE(0x00000007, 12);
    p.writeUInt32BE(65536, 16);
    expect(parseSettings(p)).toEqual([
      { flags: 1, id: 4, value: 100 },
      { flags: 0, id: 7, value: 65536 },
    ]);
  });

  it('refuses a frame longer than 24 bits can say', () => {
    expect(() => encodeDataFrame(1, 0, Buffer.alloc(0x1000000))).toThrow(/at most/);
  });

  it('round-trips a header block with several values for one name', () => {
    const h = new Map([
      ['streamtype', ['data']],
      ['x-multi', ['a', 'b']],
    ]);
    expect(decodeHeaderBlock(encodeHeaderBlock(h))).toEqual(h);
    expect(() => decodeHeaderBlock(encodeHeaderBlock(h).subarray(0, 10))).toThrow(/truncated/);
  });
});

describe('FrameReader', () => {
  const stream = Buffer.concat([
    encodeControlFrame(FrameType.Ping, 0, pingPayload(1)),
    encodeDataFrame(1, 0, Buffer.from('hello')),
    encodeDataFrame(1, FLAG_FIN, Buffer.alloc(0)),
    encodeControlFrame(FrameType.RstStream, 0, twoWordsPayload(1, 5)),
    encodeDataFrame(3, 0, Buffer.alloc(70_000, 0x61)),
  ]);

  function summary(frames: ReturnType<FrameReader['push']>): string[] {
    return frames.map((f) => (f.control ? `c${f.type}` : `d${f.streamId}:${f.data.length}:${f.flags}`));
  }

  const expected = ['c6', 'd1:5:0', 'd1:0:1', 'c3', 'd3:70000:0'];

  it('yields the same frames from one chunk and from 1-byte chunks', () => {
    expect(summary(new FrameReader().push(stream))).toEqual(expected);
    const r = new FrameReader();
    const out = [];
    for (let i = 0; i < stream.length; i++) out.push(...r.push(stream.subarray(i, i + 1)));
    expect(summary(out)).toEqual(expected);
    expect(r.buffered).toBe(0);
  });

  it('yields the same frames from chunks cut at random places', () => {
    for (let trial = 0; trial < 20; trial++) {
      const r = new FrameReader();
      const out = [];
      let at = 0;
      while (at < stream.length) {
        const n = 1 + Math.floor(Math.random() * 9000);
        out.push(...r.push(stream.subarray(at, at + n)));
        at += n;
      }
      expect(summary(out)).toEqual(expected);
    }
  });

  it('does not depend on the caller keeping its chunk intact', () => {
    const r = new FrameReader();
    const frame = encodeDataFrame(1, 0, Buffer.from('abcdef'));
    const chunk = Buffer.from(frame.subarray(0, 10));
    r.push(chunk);
    chunk.fill(0);
    const [f] = r.push(Buffer.from(frame.subarray(10)));
    expect(!f.control && f.data.toString()).toBe('abcdef');
  });
});
