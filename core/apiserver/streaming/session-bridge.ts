import { PassThrough, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StreamSession } from '../../api/pod-streams.js';
import type { Logger } from '../../util/logger.js';
import type { SessionStatus } from './exec-status.js';

/**
 * The client's end of an exec or attach session, whatever carries it (WebSocket channels
 * or SPDY streams). Only the streams the client asked for are present.
 */
export interface ClientStreams {
  stdin?: Readable;
  stdout?: Writable;
  stderr?: Writable;
  onResize(listener: (width: number, height: number) => void): void;
  /** Called at most once, when the client disconnects before the session ends. */
  onGone(listener: () => void): void;
  /** Reports the outcome, then closes the connection the way the client expects. */
  finish(status: SessionStatus): void;
  /** Drops the connection without a word (the session failed to start streaming). */
  abort(): void;
}

/** After the process ends, how long its output may still trickle in before we report. */
const OUTPUT_GRACE_MS = 2_000;

/**
 * Starts reading the process's output at once, into a buffer, while the client is still
 * opening its streams (several round trips with SPDY). Output that nobody reads may be
 * thrown away when the process exits (Node does so with child processes), and a short
 * command has often exited by the time the client is ready.
 */
export function captureOutput(session: StreamSession): StreamSession {
  const hold = (from: Readable | undefined): Readable | undefined => {
    if (!from) return undefined;
    const buffer = new PassThrough({ highWaterMark: 1024 * 1024 });
    from.on('error', (err) => buffer.destroy(err));
    return from.pipe(buffer);
  };
  return { ...session, stdout: hold(session.stdout), stderr: hold(session.stderr), resize: (w, h) => session.resize(w, h), close: () => session.close() };
}

/** Shuttles bytes between a running process and the client until the process ends. */
export async function bridgeSession(session: StreamSession, client: ClientStreams, statusOf: (r: { exitCode?: number; error?: string }) => SessionStatus, logger: Logger): Promise<void> {
  let gone = false;
  client.onGone(() => {
    gone = true;
    session.close();
  });
  client.onResize((w, h) => {
    try {
      session.resize(w, h);
    } catch (err) {
      logger.debug('resize failed', { error: String(err) });
    }
  });

  if (session.stdin) {
    // The process may exit without reading all of its input: that is not our error.
    session.stdin.on('error', () => {});
    if (client.stdin) client.stdin.pipe(session.stdin);
  } else {
    client.stdin?.resume();
  }

  const outputs = [forward(session.stdout, client.stdout), forward(session.stderr, client.stderr)];
  const result = await session.done.catch((err: unknown) => ({ exitCode: undefined, error: (err as Error)?.message ?? String(err) }));
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, OUTPUT_GRACE_MS);
  });
  await Promise.race([Promise.all(outputs), grace]);
  clearTimeout(timer);
  if (gone) return;
  client.finish(statusOf(result));
}

/** Copies one output stream to the client and ends the client's side with it. */
async function forward(from: Readable | undefined, to: Writable | undefined): Promise<void> {
  if (!from) {
    to?.end();
    return;
  }
  if (!to) {
    from.resume();
    return;
  }
  try {
    await pipeline(from, to);
  } catch {
    // Either side went away; the session's outcome is reported (or not) by the caller.
  }
}
