import { FRAME_HEADER_LENGTH, decodeFrame, type Frame } from './frames.js';

/**
 * Cuts an arbitrarily chunked byte stream into whole frames. Over the WebSocket tunnel a
 * message boundary means nothing: one message may hold half a frame or several.
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private length = 0;
  /** Size of the frame at the head of the buffer, once its header has arrived. */
  private needed = 0;

  push(chunk: Buffer): Frame[] {
    // Keep private copies: the caller may reuse the chunk it handed us.
    this.chunks.push(Buffer.from(chunk));
    this.length += chunk.length;
    const frames: Frame[] = [];
    for (;;) {
      if (this.needed === 0) {
        if (this.length < FRAME_HEADER_LENGTH) break;
        const head = this.flatten();
        this.needed = FRAME_HEADER_LENGTH + (head.readUInt32BE(4) & 0xffffff);
      }
      // Only join the pieces once the whole frame is there: tiny chunks stay linear.
      if (this.length < this.needed) break;
      const buf = this.flatten();
      const next = decodeFrame(buf)!;
      frames.push(next.frame);
      const rest = buf.subarray(next.size);
      this.chunks = rest.length ? [rest] : [];
      this.length = rest.length;
      this.needed = 0;
    }
    return frames;
  }

  /** Bytes of an incomplete frame still waiting for the rest. */
  get buffered(): number {
    return this.length;
  }

  private flatten(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.length)];
    return this.chunks[0];
  }
}
