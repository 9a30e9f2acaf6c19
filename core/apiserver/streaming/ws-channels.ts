import { Readable, Writable } from 'node:stream';
import type { WebSocket } from 'ws';
import type { AttachOptions } from '../../api/pod-streams.js';
import type { ClientStreams } from './session-bridge.js';
import { ResizeDecoder } from './resize-decoder.js';

export const CHANNEL_PROTOCOL_V5 = 'v5.channel.k8s.io';
export const CHANNEL_PROTOCOL_V4 = 'v4.channel.k8s.io';

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const RESIZE = 4;
/** v5 only: `[255, n]` from the client means "channel n is closed" (stdin EOF). */
const CLOSE = 255;

/**
 * The `channel.k8s.io` protocol (v4, v5) on an open WebSocket: every message is binary
 * and starts with its channel byte. We never send text frames, never send CLOSE (1.33's
 * client does not know it), and end with the status on channel 3 then close code 1000.
 */
export function webSocketClientStreams(ws: WebSocket, protocol: string, opts: AttachOptions): ClientStreams {
  const v5 = protocol === CHANNEL_PROTOCOL_V5;
  let stdin: Readable | undefined;
  if (opts.stdin) {
    stdin = new Readable({ highWaterMark: 1024 * 1024, read: () => ws.resume() });
  }
  const resize = new ResizeDecoder();
  let finished = false;
  const goneListeners: (() => void)[] = [];

  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary || data.length === 0) return;
    const payload = data.subarray(1);
    switch (data[0]) {
      case STDIN:
        if (stdin && !stdin.readableEnded && payload.length && !stdin.push(payload)) ws.pause();
        return;
      case RESIZE:
        if (opts.tty) resize.push(payload);
        return;
      case CLOSE:
        if (v5 && payload[0] === STDIN) stdin?.push(null);
        return;
      default:
        return;
    }
  });
  ws.on('close', () => {
    stdin?.destroy();
    if (finished) return;
    finished = true;
    for (const l of goneListeners) l();
  });
  ws.on('error', () => ws.terminate());

  const channel = (id: number) =>
    new Writable({
      write(chunk: Buffer, _enc, done) {
        if (ws.readyState !== ws.OPEN) return done(new Error('the WebSocket is closed'));
        ws.send(Buffer.concat([Buffer.of(id), chunk]), { binary: true }, (err) => done(err ?? null));
      },
    });

  return {
    stdin,
    stdout: opts.stdout ? channel(STDOUT) : undefined,
    stderr: opts.stderr ? channel(STDERR) : undefined,
    onResize: (listener) => resize.on('size', listener),
    onGone: (listener) => goneListeners.push(listener),
    finish(status) {
      if (finished) return;
      finished = true;
      if (ws.readyState !== ws.OPEN) return;
      ws.send(Buffer.concat([Buffer.of(ERROR), Buffer.from(JSON.stringify(status))]), { binary: true });
      ws.close(1000);
    },
    abort() {
      finished = true;
      ws.terminate();
    },
  };
}
