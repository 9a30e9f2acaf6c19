import type { AttachOptions } from '../../api/pod-streams.js';
import type { Logger } from '../../util/logger.js';
import { ResizeDecoder } from './resize-decoder.js';
import type { ClientStreams } from './session-bridge.js';
import { RstStatus, type SpdyConnection, type SpdyStream } from './spdy/index.js';

/** remotecommand over SPDY: v4 and v5 behave the same here (v5 only adds a WebSocket signal). */
export const SPDY_EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const;

/** How long the client has to open its streams, as the kubelet's default. */
const STREAM_CREATION_TIMEOUT_MS = 30_000;

type StreamType = 'error' | 'stdin' | 'stdout' | 'stderr' | 'resize';

/**
 * Waits for the streams the client opens (one per `streamtype`: error, and stdin, stdout,
 * stderr, resize as requested), answers each with a SYN_REPLY, and presents them as the
 * client's end of the session. Rejects if they do not all arrive in time.
 */
export function spdyClientStreams(conn: SpdyConnection, opts: AttachOptions, logger: Logger): Promise<ClientStreams> {
  const expected = new Set<StreamType>(['error']);
  if (opts.stdin) expected.add('stdin');
  if (opts.stdout) expected.add('stdout');
  if (opts.stderr) expected.add('stderr');
  if (opts.tty) expected.add('resize');
  const got = new Map<StreamType, SpdyStream>();

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      conn.destroy();
      reject(new Error('timed out waiting for client to create streams'));
    }, STREAM_CREATION_TIMEOUT_MS);
    conn.on('close', () => {
      clearTimeout(timer);
      reject(new Error('the client closed the connection before opening its streams'));
    });
    conn.on('stream', (stream: SpdyStream) => {
      const type = stream.header('streamtype') as StreamType | undefined;
      if (!type || !expected.has(type) || got.has(type)) {
        logger.debug('unexpected exec stream', { streamtype: type });
        stream.reset(RstStatus.RefusedStream);
        return;
      }
      got.set(type, stream);
      stream.on('error', () => {});
      void stream.reply().catch(() => {});
      if (got.size < expected.size) return;
      clearTimeout(timer);
      resolve(present(conn, got));
    });
  });
}

function present(conn: SpdyConnection, got: Map<StreamType, SpdyStream>): ClientStreams {
  const error = got.get('error')!;
  // Nothing is read from the error stream; let its (empty) input end so it can close.
  error.resume();
  for (const t of ['stdout', 'stderr'] as const) got.get(t)?.resume();
  const resize = new ResizeDecoder();
  const resizeStream = got.get('resize');
  resizeStream?.on('data', (chunk: Buffer) => resize.push(chunk));
  let finished = false;
  return {
    stdin: got.get('stdin'),
    stdout: got.get('stdout'),
    stderr: got.get('stderr'),
    onResize: (listener) => resize.on('size', listener),
    onGone: (listener) =>
      conn.on('close', () => {
        if (!finished) listener();
      }),
    finish(status) {
      if (finished) return;
      finished = true;
      const done = [got.get('stdout'), got.get('stderr')].map((s) => (s ? endStream(s) : undefined));
      done.push(endStream(error, Buffer.from(JSON.stringify(status))));
      // GOAWAY only after every FIN is on the wire; the client then closes the connection.
      void Promise.all(done).then(() => conn.close());
    },
    abort() {
      finished = true;
      conn.destroy();
    },
  };
}

function endStream(stream: SpdyStream, last?: Buffer): Promise<void> {
  return new Promise((resolve) => {
    if (stream.writableFinished || stream.destroyed) return resolve();
    stream.once('close', resolve);
    if (stream.writableEnded) stream.once('finish', resolve);
    else if (last) stream.end(last, () => resolve());
    else stream.end(() => resolve());
  });
}
