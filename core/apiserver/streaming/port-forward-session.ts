import type { Duplex } from 'node:stream';
import type { Logger } from '../../util/logger.js';
import { RstStatus, type SpdyConnection, type SpdyStream } from './spdy/index.js';

/** How long the second stream of a pair may take to follow the first (the kubelet's default). */
const PAIR_TIMEOUT_MS = 30_000;

interface Pair {
  id: string;
  error?: SpdyStream;
  data?: SpdyStream;
  timer: NodeJS.Timeout;
}

export interface PortForwardTarget {
  /** `name_namespace`, as the kubelet names a pod in its messages. */
  label: string;
  uid: string;
  open(port: number): Promise<Duplex>;
}

/**
 * The portforward.k8s.io protocol on a SPDY session: for each local connection the client
 * opens an `error` and a `data` stream sharing a `requestid`. We reply to both, connect to
 * the pod's port, and copy bytes until either side closes; then FIN both streams, which
 * is what lets the client's handler return. A failure to connect is written as text on
 * the error stream, which kubectl prints (and then gives up the whole forward).
 */
export function servePortForward(conn: SpdyConnection, target: PortForwardTarget, logger: Logger): void {
  const pairs = new Map<string, Pair>();

  conn.on('stream', (stream: SpdyStream) => {
    stream.on('error', () => {});
    const problem = checkHeaders(stream);
    if (problem) {
      logger.debug('port-forward stream refused', { problem });
      stream.reset(RstStatus.ProtocolError);
      return;
    }
    void stream.reply().catch(() => {});
    const id = requestId(stream);
    let pair = pairs.get(id);
    if (!pair) {
      const p: Pair = { id, timer: setTimeout(() => expire(p), PAIR_TIMEOUT_MS) };
      pairs.set(id, p);
      pair = p;
    }
    const type = stream.header('streamtype') as 'error' | 'data';
    if (pair[type]) {
      writeError(pair.error, `error processing stream for request ${id}: ${type} stream already assigned`);
      stream.reset(RstStatus.ProtocolError);
      return;
    }
    pair[type] = stream;
    // The client never writes on the error stream, but its FIN must be consumed.
    if (type === 'error') stream.resume();
    if (pair.error && pair.data) {
      clearTimeout(pair.timer);
      pairs.delete(id);
      void forward(pair.error, pair.data, target, logger);
    }
  });

  conn.on('close', () => {
    for (const p of pairs.values()) clearTimeout(p.timer);
    pairs.clear();
  });

  function expire(p: Pair): void {
    pairs.delete(p.id);
    writeError(p.error, `(conn=${conn.streamCount}, request=${p.id}) timed out waiting for streams`);
    p.data?.reset();
  }
}

function checkHeaders(stream: SpdyStream): string | undefined {
  const port = stream.header('port');
  if (!port) return '"port" header is required';
  if (!/^\d+$/.test(port) || Number(port) > 65535) return `unable to parse "${port}" as a port`;
  if (Number(port) < 1) return `port "${port}" must be > 0`;
  const type = stream.header('streamtype');
  if (!type) return '"streamType" header is required';
  if (type !== 'error' && type !== 'data') return `invalid stream type "${type}"`;
  return undefined;
}

/** Clients before 1.5 sent no request id: the kubelet derived it from the stream ids. */
function requestId(stream: SpdyStream): string {
  const id = stream.header('requestid');
  if (id) return id;
  return String(stream.header('streamtype') === 'data' ? stream.id - 2 : stream.id);
}

function writeError(error: SpdyStream | undefined, message: string): void {
  if (error && !error.destroyed && !error.writableEnded) error.end(message);
}

async function forward(error: SpdyStream, data: SpdyStream, target: PortForwardTarget, logger: Logger): Promise<void> {
  const port = Number(data.header('port'));
  let pod: Duplex;
  try {
    pod = await target.open(port);
  } catch (err) {
    writeError(error, `error forwarding port ${port} to pod ${target.label}, uid ${target.uid}: ${(err as Error)?.message ?? String(err)}`);
    if (!data.destroyed && !data.writableEnded) data.end();
    return;
  }
  if (data.destroyed) {
    pod.destroy();
    return;
  }

  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    if (!data.destroyed && !data.writableEnded) data.end();
    if (!error.destroyed && !error.writableEnded) error.end();
  };
  pod.on('error', (err) => {
    logger.debug('port-forward connection to the pod failed', { port, error: String(err) });
    finish();
    pod.destroy();
  });
  // The pod closed its side: FIN the data stream, then the error stream the client waits on.
  pod.on('end', () => {
    finish();
    // We send nothing more either: close fully rather than linger half-open (CLOSE_WAIT).
    pod.end();
  });
  pod.on('close', finish);
  // The client reset the stream or the session ended: nobody is left to read the pod.
  data.on('close', () => {
    pod.destroy();
    finish();
  });
  pod.pipe(data, { end: false });
  // The client's FIN half-closes the pod connection; the reply may still come back.
  data.pipe(pod);
}
