import net from 'node:net';
import { PassThrough, type Duplex } from 'node:stream';
import { demux } from './docker-streams.js';
import type { RuntimeSession } from './types.js';

/** An exec or attach stream as a session: demultiplexed output, stdin, resize and the exit code. */
export function session(
  stream: Duplex,
  opts: { stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean },
  resize: (w: number, h: number) => Promise<unknown>,
  exitCode: () => Promise<number | undefined>,
): RuntimeSession {
  const stdout = new PassThrough();
  const stderr = opts.tty || !opts.stderr ? undefined : new PassThrough();
  if (opts.tty) {
    stream.on('data', (c: Buffer) => stdout.write(c));
  } else {
    demux(stream, stdout, stderr, false);
  }
  const done = new Promise<{ exitCode?: number; error?: string }>((resolve) => {
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      stdout.end();
      stderr?.end();
      exitCode().then(
        (code) => resolve({ exitCode: code, ...(error ? { error } : {}) }),
        (err: Error) => resolve({ error: error ?? err.message }),
      );
    };
    stream.on('end', () => finish());
    stream.on('close', () => finish());
    stream.on('error', (err) => finish(err.message));
  });
  let stdin: PassThrough | undefined;
  if (opts.stdin) {
    stdin = new PassThrough();
    stdin.on('data', (c: Buffer) => stream.write(c));
    // Half-close so the process sees EOF on its stdin while we still read its output.
    stdin.on('end', () => stream.end());
  }
  return {
    stdin,
    stdout: opts.stdout ? stdout : undefined,
    stderr,
    resize: async (w, h) => {
      try {
        await resize(w, h);
      } catch {}
    },
    done,
    close: () => stream.destroy(),
  };
}

export function connect(host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port });
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`dial tcp ${host}:${port}: i/o timeout`));
    }, 5000);
    s.once('connect', () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`dial tcp ${host}:${port}: ${(err as NodeJS.ErrnoException).code === 'ECONNREFUSED' ? 'connect: connection refused' : err.message}`));
    });
  });
}
