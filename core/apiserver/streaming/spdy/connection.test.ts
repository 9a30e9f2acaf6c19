import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ByteTransport } from '../byte-transport.js';
import { SpdyConnection } from './connection.js';
import { FrameReader } from './frame-reader.js';
import {
  FLAG_FIN,
  FrameType,
  RstStatus,
  encodeControlFrame,
  encodeDataFrame,
  parsePing,
  parseStreamHeaders,
  parseTwoWords,
  pingPayload,
  synStreamPayload,
  twoWordsPayload,
  type Frame,
} from './frames.js';
import { decodeHeaderBlock, encodeHeaderBlock } from './header-block.js';
import { HeaderDeflater, HeaderInflater } from './header-compression.js';
import type { SpdyStream } from './stream.js';

class MemoryTransport extends EventEmitter implements ByteTransport {
  closed = false;
  paused = false;
  readonly written: Buffer[] = [];
  write(chunk: Buffer): boolean {
    this.written.push(chunk);
    return true;
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  end(): void {
    this.finish();
  }
  destroy(): void {
    this.finish();
  }
  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
}

/** The client side of the test: compresses its headers and decodes what the server sends. */
class Peer {
  readonly transport = new MemoryTransport();
  readonly conn = new SpdyConnection(this.transport);
  private readonly deflater = new HeaderDeflater();
  private readonly inflater = new HeaderInflater();
  private readonly reader = new FrameReader();
  private read = 0;

  async synStream(streamId: number, headers: Record<string, string>, flags = 0): Promise<Buffer> {
    const block = await this.deflater.deflate(encodeHeaderBlock(new Map(Object.entries(headers).map(([k, v]) => [k, [v]]))));
    return encodeControlFrame(FrameType.SynStream, flags, synStreamPayload({ streamId, associatedId: 0, priority: 0, slot: 0, headerBlock: block }));
  }

  /** Feeds bytes to the server one byte at a time, as the tunnel may. */
  send(...frames: Buffer[]): void {
    const all = Buffer.concat(frames);
    for (let i = 0; i < all.length; i++) this.transport.emit('data', all.subarray(i, i + 1));
  }

  /** New frames the server wrote since the last call. */
  frames(): Frame[] {
    const out: Frame[] = [];
    for (; this.read < this.transport.written.length; this.read++) out.push(...this.reader.push(this.transport.written[this.read]));
    return out;
  }

  async replyHeaders(f: Frame): Promise<Map<string, string[]>> {
    if (!f.control) throw new Error('not a control frame');
    return decodeHeaderBlock(await this.inflater.inflate(parseStreamHeaders(f.payload, 'SYN_REPLY').headerBlock));
  }
}

const tick = () => new Promise((r) => setTimeout(r, 20));

function nextStream(conn: SpdyConnection): Promise<SpdyStream> {
  return new Promise((resolve) => conn.once('stream', resolve));
}

describe('SpdyConnection', () => {
  it('hands over each stream with its headers and answers every SYN_STREAM with a SYN_REPLY', async () => {
    const peer = new Peer();
    const streams: SpdyStream[] = [];
    peer.conn.on('stream', (s: SpdyStream) => {
      streams.push(s);
      void s.reply();
    });
    peer.send(await peer.synStream(1, { streamtype: 'error', port: '80', requestid: '0' }), await peer.synStream(3, { streamtype: 'data', port: '80', requestid: '0' }));
    await tick();
    expect(streams.map((s) => [s.id, s.header('streamtype'), s.header('port')])).toEqual([
      [1, 'error', '80'],
      [3, 'data', '80'],
    ]);
    const replies = peer.frames();
    expect(replies.map((f) => f.control && f.type)).toEqual([FrameType.SynReply, FrameType.SynReply]);
    // Both replies come out of one deflate stream: the second only inflates after the first.
    for (const f of replies) expect(await peer.replyHeaders(f)).toEqual(new Map());
    expect(replies.map((f) => f.control && parseStreamHeaders(f.payload, 'x').streamId)).toEqual([1, 3]);
  });

  it('delivers data and FIN, and sends ours after the reply', async () => {
    const peer = new Peer();
    const got = nextStream(peer.conn);
    peer.send(await peer.synStream(1, { streamtype: 'data' }));
    const s = await got;
    const chunks: string[] = [];
    s.on('data', (d: Buffer) => chunks.push(d.toString()));
    const ended = new Promise((r) => s.on('end', r));
    peer.send(encodeDataFrame(1, 0, Buffer.from('hello ')), encodeDataFrame(1, FLAG_FIN, Buffer.from('world')));
    await ended;
    expect(chunks.join('')).toBe('hello world');
    s.end('bye');
    await new Promise((r) => s.on('close', r));
    const out = peer.frames();
    expect(out.map((f) => (f.control ? `c${f.type}` : `d${f.streamId}:${f.data.toString()}:${f.flags}`))).toEqual([`c${FrameType.SynReply}`, 'd1:bye:0', 'd1::1']);
  });

  it('echoes the client pings and ignores answers to pings it never sent', async () => {
    const peer = new Peer();
    peer.send(encodeControlFrame(FrameType.Ping, 0, pingPayload(1)), encodeControlFrame(FrameType.Ping, 0, pingPayload(2)), encodeControlFrame(FrameType.Ping, 0, pingPayload(0xffffffff)));
    await tick();
    expect(peer.frames().map((f) => f.control && f.type === FrameType.Ping && parsePing(f.payload))).toEqual([1, 0xffffffff]);
  });

  it('ignores SETTINGS and WINDOW_UPDATE, and keeps the zlib stream in step across HEADERS it does not use', async () => {
    const peer = new Peer();
    const seen: string[] = [];
    peer.conn.on('stream', (s: SpdyStream) => seen.push(s.header('streamtype')!));
    const settings = Buffer.alloc(12);
    settings.writeUInt32BE(1, 0);
    settings.writeUInt32BE(7, 4);
    settings.writeUInt32BE(65536, 8);
    const first = await peer.synStream(1, { streamtype: 'error' });
    // A HEADERS frame's block continues the same compression stream as SYN_STREAMs.
    const headersFrame = await peer.synStream(99, { 'x-extra': 'value' });
    const asHeaders = encodeControlFrame(FrameType.Headers, 0, Buffer.concat([Buffer.from([0, 0, 0, 1]), headersFrame.subarray(8 + 10)]));
    const second = await peer.synStream(3, { streamtype: 'data' });
    peer.send(encodeControlFrame(FrameType.Settings, 0, settings), first, encodeControlFrame(FrameType.WindowUpdate, 0, twoWordsPayload(1, 1000)), asHeaders, second);
    await tick();
    expect(seen).toEqual(['error', 'data']);
  });

  it('resets streams with ids that go backwards or are even', async () => {
    const peer = new Peer();
    peer.conn.on('stream', (s: SpdyStream) => void s.reply());
    peer.send(await peer.synStream(5, { streamtype: 'data' }), await peer.synStream(3, { streamtype: 'data' }), await peer.synStream(8, { streamtype: 'data' }));
    await tick();
    const resets = peer.frames().filter((f) => f.control && f.type === FrameType.RstStream);
    expect(resets.map((f) => f.control && parseTwoWords(f.payload, 'x'))).toEqual([
      [3, RstStatus.ProtocolError],
      [8, RstStatus.ProtocolError],
    ]);
  });

  it('closes a stream the client resets, without resetting it back', async () => {
    const peer = new Peer();
    const got = nextStream(peer.conn);
    peer.send(await peer.synStream(1, { streamtype: 'data' }));
    const s = await got;
    const closed = new Promise((r) => s.on('close', r));
    peer.send(encodeControlFrame(FrameType.RstStream, 0, twoWordsPayload(1, RstStatus.Cancel)));
    await closed;
    s.reset();
    expect(peer.frames().some((f) => f.control && f.type === FrameType.RstStream)).toBe(false);
    expect(peer.conn.streamCount).toBe(0);
  });

  it('stops reading the transport while a stream lags behind, and resumes when it is read', async () => {
    const peer = new Peer();
    const got = nextStream(peer.conn);
    peer.send(await peer.synStream(1, { streamtype: 'data' }));
    const s = await got;
    const big = Buffer.alloc(60_000, 1);
    for (let i = 0; i < 6; i++) peer.transport.emit('data', encodeDataFrame(1, 0, big));
    await tick();
    expect(peer.transport.paused).toBe(true);
    s.resume();
    await tick();
    expect(peer.transport.paused).toBe(false);
  });

  it('says GOAWAY on close and aborts its streams when the transport goes', async () => {
    const peer = new Peer();
    const got = nextStream(peer.conn);
    peer.send(await peer.synStream(1, { streamtype: 'data' }));
    const s = await got;
    const closed = new Promise((r) => s.on('close', r));
    peer.conn.close();
    await closed;
    const goaway = peer.frames().find((f) => f.control && f.type === FrameType.GoAway);
    expect(goaway && goaway.control && parseTwoWords(goaway.payload, 'x')).toEqual([1, 0]);
    expect(peer.transport.closed).toBe(true);
  });

  it('gives up the session on a header block that does not inflate', async () => {
    const peer = new Peer();
    const errors: Error[] = [];
    peer.conn.on('protocolError', (e: Error) => errors.push(e));
    peer.send(encodeControlFrame(FrameType.SynStream, 0, synStreamPayload({ streamId: 1, associatedId: 0, priority: 0, slot: 0, headerBlock: Buffer.from('garbage!') })));
    await tick();
    expect(errors).toHaveLength(1);
    const goaway = peer.frames().find((f) => f.control && f.type === FrameType.GoAway);
    expect(goaway && goaway.control && parseTwoWords(goaway.payload, 'x')[1]).toBe(1);
    expect(peer.transport.closed).toBe(true);
  });
});
