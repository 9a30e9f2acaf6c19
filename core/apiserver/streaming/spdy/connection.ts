import { EventEmitter } from 'node:events';
import type { ByteTransport } from '../byte-transport.js';
import { FrameReader } from './frame-reader.js';
import {
  FLAG_FIN,
  FrameType,
  GoAwayStatus,
  RstStatus,
  SPDY_VERSION,
  SpdyProtocolError,
  encodeControlFrame,
  encodeDataFrame,
  parsePing,
  parseStreamHeaders,
  parseSynStream,
  parseTwoWords,
  pingPayload,
  streamHeadersPayload,
  twoWordsPayload,
  type ControlFrame,
  type Frame,
} from './frames.js';
import { decodeHeaderBlock, encodeHeaderBlock } from './header-block.js';
import { HeaderDeflater, HeaderInflater } from './header-compression.js';
import { SpdyStream, type StreamOwner } from './stream.js';

const EMPTY_HEADERS = encodeHeaderBlock(new Map());

/**
 * The server end of a SPDY/3.1 session, as client-go's spdystream expects it: the client
 * opens every stream, we answer each SYN_STREAM with a SYN_REPLY, echo its PINGs, and do
 * no flow control. Events: 'stream' (SpdyStream), 'goaway', 'close', 'protocolError' (Error).
 */
export class SpdyConnection extends EventEmitter implements StreamOwner {
  private readonly reader = new FrameReader();
  private readonly inflater = new HeaderInflater();
  private readonly deflater = new HeaderDeflater();
  private readonly streams = new Map<number, SpdyStream>();
  private readonly incoming: Frame[] = [];
  private processing = false;
  private lastStreamId = 0;
  private sentGoAway = false;
  private closed = false;
  private readonly lagging = new Set<SpdyStream>();
  /** Frames whose header block is still being compressed; later frames queue behind them. */
  private outTail: Promise<void> = Promise.resolve();
  private outPending = 0;
  private drainWaiters: ((err?: Error | null) => void)[] = [];

  constructor(private readonly transport: ByteTransport) {
    super();
    transport.on('data', (chunk: Buffer) => this.onBytes(chunk));
    transport.on('drain', () => this.wakeWriters());
    transport.on('close', () => this.teardown());
  }

  get streamCount(): number {
    return this.streams.size;
  }

  /** Says goodbye (GOAWAY) and closes the transport once everything queued has gone out. */
  close(status: number = GoAwayStatus.Ok): void {
    if (this.closed) return;
    this.goAway(status);
    this.outTail = this.outTail.then(() => this.transport.end());
  }

  destroy(): void {
    this.transport.destroy();
    this.teardown();
  }

  // StreamOwner

  sendReply(streamId: number): Promise<void> {
    return this.sendHeaderFrame(FrameType.SynReply, streamId);
  }

  sendData(streamId: number, data: Buffer, flags: number, done: (err?: Error | null) => void): void {
    if (this.closed) return done(new Error('the SPDY connection is closed'));
    this.send(encodeDataFrame(streamId, flags, data), done);
  }

  sendReset(streamId: number, status: number): void {
    this.send(encodeControlFrame(FrameType.RstStream, 0, twoWordsPayload(streamId, status)));
  }

  pauseFor(stream: SpdyStream): void {
    if (this.lagging.size === 0) this.transport.pause();
    this.lagging.add(stream);
  }

  resumeFor(stream: SpdyStream): void {
    if (this.lagging.delete(stream) && this.lagging.size === 0) this.transport.resume();
  }

  detach(stream: SpdyStream): void {
    this.resumeFor(stream);
    if (this.streams.get(stream.id) === stream) this.streams.delete(stream.id);
  }

  // Output. Data frames go out at once unless a header frame is still being compressed;
  // then they wait their turn, because the order on the wire is the order of the calls.

  private send(frame: Buffer, done?: (err?: Error | null) => void): void {
    if (this.outPending === 0) return this.write(frame, done);
    this.enqueue(Promise.resolve(frame), done);
  }

  private enqueue(frame: Promise<Buffer>, done?: (err?: Error | null) => void): Promise<void> {
    this.outPending++;
    const step = this.outTail.then(async () => {
      try {
        this.write(await frame, done);
      } finally {
        this.outPending--;
      }
    });
    this.outTail = step.catch(() => undefined);
    return step;
  }

  private write(frame: Buffer, done?: (err?: Error | null) => void): void {
    if (this.transport.closed) {
      done?.(new Error('the SPDY connection is closed'));
      return;
    }
    // A writer that has to wait for the peer to catch up is called back on 'drain'.
    if (this.transport.write(frame) || !done) return done?.();
    this.drainWaiters.push(done);
  }

  private sendHeaderFrame(type: number, streamId: number): Promise<void> {
    const frame = this.deflater.deflate(EMPTY_HEADERS).then((block) => encodeControlFrame(type, 0, streamHeadersPayload(streamId, block)));
    return this.enqueue(frame);
  }

  private goAway(status: number): void {
    if (this.sentGoAway) return;
    this.sentGoAway = true;
    this.send(encodeControlFrame(FrameType.GoAway, 0, twoWordsPayload(this.lastStreamId, status)));
  }

  // Input. Frames are handled strictly in order: a header block can only be inflated
  // after every block before it, and a stream's data must not overtake its SYN_STREAM.

  private onBytes(chunk: Buffer): void {
    if (this.closed) return;
    try {
      this.incoming.push(...this.reader.push(chunk));
    } catch (err) {
      return this.fail(err as Error);
    }
    void this.processIncoming();
  }

  private async processIncoming(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.incoming.length && !this.closed) {
        const pending = this.handle(this.incoming.shift()!);
        if (pending) await pending;
      }
    } catch (err) {
      this.fail(err as Error);
    } finally {
      this.processing = false;
    }
  }

  private handle(frame: Frame): Promise<void> | void {
    if (!frame.control) return this.onData(frame.streamId, frame.flags, frame.data);
    if (frame.version !== SPDY_VERSION) throw new SpdyProtocolError(`unsupported SPDY version ${frame.version}`);
    switch (frame.type) {
      case FrameType.SynStream:
        return this.onSynStream(frame);
      case FrameType.SynReply:
      case FrameType.Headers:
        // Never expected from a client, but the block still advances the shared zlib stream.
        return this.inflater.inflate(parseStreamHeaders(frame.payload, 'HEADERS').headerBlock).then(() => undefined);
      case FrameType.RstStream: {
        const [streamId] = parseTwoWords(frame.payload, 'RST_STREAM');
        this.streams.get(streamId)?.abort(true);
        return;
      }
      case FrameType.Ping: {
        const id = parsePing(frame.payload);
        // Odd ids are the client's own pings; even ones would be answers to ours (we send none).
        if (id % 2 === 1) this.send(encodeControlFrame(FrameType.Ping, 0, pingPayload(id)));
        return;
      }
      case FrameType.GoAway:
        this.emit('goaway');
        return;
      default:
        // SETTINGS, WINDOW_UPDATE and anything newer: no flow control here, nothing to do.
        return;
    }
  }

  private async onSynStream(frame: ControlFrame): Promise<void> {
    const syn = parseSynStream(frame.payload);
    const headers = decodeHeaderBlock(await this.inflater.inflate(syn.headerBlock));
    if (syn.streamId % 2 === 0 || syn.streamId <= this.lastStreamId) {
      this.sendReset(syn.streamId, RstStatus.ProtocolError);
      return;
    }
    this.lastStreamId = syn.streamId;
    if (this.sentGoAway) {
      this.sendReset(syn.streamId, RstStatus.RefusedStream);
      return;
    }
    const stream = new SpdyStream(this, syn.streamId, headers, (frame.flags & FLAG_FIN) !== 0);
    this.streams.set(stream.id, stream);
    this.emit('stream', stream);
  }

  private onData(streamId: number, flags: number, data: Buffer): void {
    // Data for a stream we already dropped (reset, or finished) is simply late: ignore it.
    this.streams.get(streamId)?.receive(data, (flags & FLAG_FIN) !== 0);
  }

  private fail(err: Error): void {
    if (this.closed) return;
    this.emit('protocolError', err);
    this.goAway(err instanceof SpdyProtocolError ? GoAwayStatus.ProtocolError : GoAwayStatus.InternalError);
    this.outTail = this.outTail.then(() => this.transport.destroy());
  }

  private wakeWriters(err?: Error): void {
    const waiting = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiting) w(err);
  }

  private teardown(): void {
    if (this.closed) return;
    this.closed = true;
    this.wakeWriters(new Error('the SPDY connection is closed'));
    for (const s of [...this.streams.values()]) s.abort(false);
    this.streams.clear();
    this.lagging.clear();
    this.inflater.close();
    this.deflater.close();
    this.emit('close');
  }
}
