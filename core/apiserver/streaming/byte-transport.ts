import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * A reliable byte pipe to the client that SPDY runs over: either the upgraded socket
 * itself, or the binary messages of a WebSocket. Events: 'data' (Buffer), 'drain', 'close'.
 */
export interface ByteTransport extends EventEmitter {
  /** Sends one unit (the SPDY layer hands whole frames); false once the peer lags behind. */
  write(chunk: Buffer): boolean;
  pause(): void;
  resume(): void;
  /** Closes after what was written has gone out. */
  end(): void;
  destroy(): void;
  readonly closed: boolean;
}

/** The fallback path: SPDY straight on the upgraded TCP/TLS socket. */
export class SocketTransport extends EventEmitter implements ByteTransport {
  closed = false;

  constructor(private readonly socket: Duplex) {
    super();
    socket.on('data', (chunk: Buffer) => this.emit('data', chunk));
    socket.on('drain', () => this.emit('drain'));
    // The client's FIN ends the session: nothing it sends afterwards can arrive.
    socket.on('end', () => this.finish());
    socket.on('close', () => this.finish());
    socket.on('error', () => this.finish());
  }

  write(chunk: Buffer): boolean {
    if (this.closed || !this.socket.writable) return true;
    return this.socket.write(chunk);
  }

  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  end(): void {
    if (this.socket.writable) this.socket.end();
    // A client that never closes its side must not pin the socket.
    setTimeout(() => this.socket.destroy(), 5_000).unref();
  }

  destroy(): void {
    this.socket.destroy();
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.emit('close');
  }
}

const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 256 * 1024;

/**
 * The WebSocket tunnel (`SPDY/3.1+portforward.k8s.io`): the concatenated binary messages
 * form the byte stream. Each write goes out as one binary message.
 */
export class WebSocketTransport extends EventEmitter implements ByteTransport {
  closed = false;
  private pending = 0;
  private congested = false;

  constructor(private readonly ws: WebSocket) {
    super();
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      // Text frames have no meaning in the tunnel; the client never sends them.
      if (!isBinary) return;
      this.emit('data', Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data));
    });
    ws.on('close', () => this.finish());
    ws.on('error', () => this.finish());
  }

  write(chunk: Buffer): boolean {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return true;
    this.pending += chunk.length;
    this.ws.send(chunk, { binary: true }, () => {
      this.pending -= chunk.length;
      if (this.congested && this.pending <= LOW_WATER) {
        this.congested = false;
        this.emit('drain');
      }
    });
    if (this.pending > HIGH_WATER) this.congested = true;
    return !this.congested;
  }

  pause(): void {
    this.ws.pause();
  }

  resume(): void {
    this.ws.resume();
  }

  end(): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.close(1000);
  }

  destroy(): void {
    this.ws.terminate();
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
}
