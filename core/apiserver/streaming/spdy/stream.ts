import { Duplex } from 'node:stream';
import { FLAG_FIN, RstStatus } from './frames.js';
import type { SpdyHeaders } from './header-block.js';

/** What a stream needs from the connection it lives on. */
export interface StreamOwner {
  sendReply(streamId: number): Promise<void>;
  sendData(streamId: number, data: Buffer, flags: number, done: (err?: Error | null) => void): void;
  sendReset(streamId: number, status: number): void;
  /** The stream's reader fell behind: stop reading the connection until it catches up. */
  pauseFor(stream: SpdyStream): void;
  resumeFor(stream: SpdyStream): void;
  detach(stream: SpdyStream): void;
}

/** Data frames stay well below the 16 MiB limit so one stream cannot hog the tunnel. */
const MAX_DATA_FRAME = 64 * 1024;
const EMPTY = Buffer.alloc(0);

/**
 * One client-initiated SPDY stream as a Node duplex: reading yields the client's DATA
 * frames and ends at its FIN; writing sends DATA frames and end() sends our FIN. The
 * SYN_REPLY goes out before the first byte we write, as the client insists.
 */
export class SpdyStream extends Duplex {
  private replied?: Promise<void>;
  /** Set when the peer reset the stream, so we do not reset it back. */
  resetByPeer = false;

  constructor(
    private readonly owner: StreamOwner,
    readonly id: number,
    readonly headers: SpdyHeaders,
    remoteFinished: boolean,
  ) {
    super({ allowHalfOpen: true, readableHighWaterMark: 256 * 1024 });
    if (remoteFinished) this.push(null);
  }

  header(name: string): string | undefined {
    return this.headers.get(name.toLowerCase())?.[0];
  }

  /** Sends the SYN_REPLY (empty headers) once; later calls share the first. */
  reply(): Promise<void> {
    this.replied ??= this.owner.sendReply(this.id);
    return this.replied;
  }

  /** Abandons the stream in both directions (RST_STREAM). */
  reset(status: number = RstStatus.Cancel): void {
    if (this.destroyed) return;
    if (!this.resetByPeer) this.owner.sendReset(this.id, status);
    this.destroy();
  }

  /** Called by the connection for each DATA frame. */
  receive(data: Buffer, fin: boolean): void {
    if (this.destroyed || this.readableEnded) return;
    if (data.length && !this.push(data)) this.owner.pauseFor(this);
    if (fin) this.push(null);
  }

  /** Called by the connection when the client resets the stream or the connection ends. */
  abort(byPeer: boolean): void {
    this.resetByPeer ||= byPeer;
    this.destroy();
  }

  override _read(): void {
    this.owner.resumeFor(this);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.reply().then(() => this.sendChunked(chunk, callback), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.reply().then(() => this.owner.sendData(this.id, EMPTY, FLAG_FIN, callback), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.owner.detach(this);
    callback(error);
  }

  private sendChunked(chunk: Buffer, callback: (error?: Error | null) => void): void {
    let at = 0;
    const next = (err?: Error | null): void => {
      if (err || at >= chunk.length) return callback(err);
      const piece = chunk.subarray(at, at + MAX_DATA_FRAME);
      at += piece.length;
      this.owner.sendData(this.id, piece, 0, next);
    };
    next();
  }
}
