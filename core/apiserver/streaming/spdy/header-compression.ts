import zlib from 'node:zlib';
import { SPDY3_DICTIONARY } from './dictionary.js';
import { SpdyProtocolError } from './frames.js';

// A header block is not a zlib stream of its own: every block a peer sends continues
// one compression stream that lives as long as the connection, cut by a sync flush at
// the end of each block. So each direction needs exactly one long-lived zlib context,
// fed in frame order.

/** Header blocks larger than this are refused: kubectl's are a few dozen bytes. */
const MAX_INFLATED = 256 * 1024;

class ZlibContext {
  private readonly z: zlib.Inflate | zlib.Deflate;
  private out: Buffer[] = [];
  private outLength = 0;
  private failure?: Error;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(kind: 'inflate' | 'deflate') {
    // A sync flush after every write makes each write's callback mean "all output for
    // this input has been emitted", which is exactly one header block.
    const opts: zlib.ZlibOptions = { dictionary: SPDY3_DICTIONARY, flush: zlib.constants.Z_SYNC_FLUSH };
    this.z = kind === 'inflate' ? zlib.createInflate(opts) : zlib.createDeflate(opts);
    this.z.on('data', (chunk: Buffer) => {
      this.out.push(chunk);
      this.outLength += chunk.length;
    });
    this.z.on('error', (err) => {
      this.failure = err;
    });
  }

  /** Runs blocks strictly one after another: the stream's state is shared by all of them. */
  process(input: Buffer): Promise<Buffer> {
    const run = this.queue.then(() => this.step(input));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private step(input: Buffer): Promise<Buffer> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const fail = (err: Error) => reject(err);
      this.z.once('error', fail);
      this.z.write(input, () => {
        this.z.off('error', fail);
        if (this.failure) return reject(this.failure);
        if (this.outLength > MAX_INFLATED) {
          this.failure = new SpdyProtocolError('header block too large');
          return reject(this.failure);
        }
        const result = Buffer.concat(this.out, this.outLength);
        this.out = [];
        this.outLength = 0;
        resolve(result);
      });
    });
  }

  close(): void {
    this.z.close();
  }
}

/** Inflates the header blocks one peer sends over one connection. */
export class HeaderInflater {
  private readonly ctx = new ZlibContext('inflate');

  async inflate(compressed: Buffer): Promise<Buffer> {
    try {
      return await this.ctx.process(compressed);
    } catch (err) {
      throw err instanceof SpdyProtocolError ? err : new SpdyProtocolError(`cannot inflate a header block: ${(err as Error).message}`);
    }
  }

  close(): void {
    this.ctx.close();
  }
}

/** Deflates the header blocks we send over one connection. */
export class HeaderDeflater {
  private readonly ctx = new ZlibContext('deflate');

  deflate(block: Buffer): Promise<Buffer> {
    return this.ctx.process(block);
  }

  close(): void {
    this.ctx.close();
  }
}
