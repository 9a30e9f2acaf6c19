import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { kubectlAvailable } from './kubectl-runner.js';

/** The kubectl a test file drives: `SKIFF_KUBECTL` (default 1.34). Missing fails CI, skips locally. */
export function kubectlUnderTest(version = process.env.SKIFF_KUBECTL ?? '1.34'): { version: string; available: boolean; label: string } {
  const available = kubectlAvailable(version);
  if (!available && process.env.CI === 'true') throw new Error(`kubectl ${version} is missing from .cache/tools/bin: run node scripts/fetch-tools.mjs`);
  return { version, available, label: available ? `kubectl ${version}` : `kubectl ${version} (SKIPPED: binary missing, run node scripts/fetch-tools.mjs)` };
}

export interface LocalServer {
  port: number;
  connections: number;
  close(): Promise<void>;
}

/** A TCP server that echoes what it receives, prefixed so an echo cannot be mistaken for input. */
export function echoServer(): Promise<LocalServer> {
  const sockets = new Set<net.Socket>();
  const state = { port: 0, connections: 0 };
  const server = net.createServer((s) => {
    state.connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('data', (d) => s.write(Buffer.concat([Buffer.from('echo:'), d])));
    s.on('error', () => {});
  });
  return listen(server, state, sockets);
}

/**
 * A TCP server that reads until the client half-closes, then answers with the SHA-256 of
 * what it read, a newline, and all of it back.
 */
export function hashServer(): Promise<LocalServer> {
  const sockets = new Set<net.Socket>();
  const state = { port: 0, connections: 0 };
  const server = net.createServer({ allowHalfOpen: true }, (s) => {
    state.connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    const chunks: Buffer[] = [];
    s.on('data', (d) => chunks.push(d));
    s.on('end', () => {
      const all = Buffer.concat(chunks);
      s.end(Buffer.concat([Buffer.from(createHash('sha256').update(all).digest('hex') + '\n'), all]));
    });
    s.on('error', () => {});
  });
  return listen(server, state, sockets);
}

/** An HTTP server answering every request with its method and path. */
export function httpServer(): Promise<LocalServer> {
  const sockets = new Set<net.Socket>();
  const state = { port: 0, connections: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(`hello from the pod: ${req.method} ${req.url} ${body.length}`);
    });
  });
  server.on('connection', (s) => {
    state.connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return listen(server, state, sockets);
}

function listen(server: net.Server, state: { port: number; connections: number }, sockets: Set<net.Socket>): Promise<LocalServer> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      state.port = (server.address() as net.AddressInfo).port;
      resolve({
        get port() {
          return state.port;
        },
        get connections() {
          return state.connections;
        },
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Everything a process prints (stdout and stderr), from the moment it is watched. */
export class ProcessOutput {
  text = '';
  private exitCode: number | null | undefined;
  private readonly waiters = new Set<() => void>();

  constructor(p: ChildProcess) {
    const add = (b: Buffer) => {
      this.text += b.toString();
      for (const w of [...this.waiters]) w();
    };
    p.stdout?.on('data', add);
    p.stderr?.on('data', add);
    p.on('exit', (code) => {
      this.exitCode = code;
      for (const w of [...this.waiters]) w();
    });
  }

  /** Resolves with the first match of `pattern` in all output so far or to come. */
  waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const m = this.text.match(pattern);
        if (m) {
          done();
          resolve(m);
        } else if (this.exitCode !== undefined) {
          done();
          reject(new Error(`process exited (${this.exitCode}) without printing ${pattern}; it printed:\n${this.text}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${pattern}; the process printed:\n${this.text}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }
}

/** Waits until a process prints a match of `pattern` (output before the call is not seen). */
export function waitForOutput(p: ChildProcess, pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
  return new ProcessOutput(p).waitFor(pattern, timeoutMs);
}

/** One TCP exchange: connect, send, read until the other side closes or `until` matches. */
export function tcpExchange(port: number, send: string | Buffer, until?: (got: Buffer) => boolean, opts: { halfClose?: boolean } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`no complete answer on port ${port}; got ${JSON.stringify(Buffer.concat(chunks).toString())}`));
    }, 15_000);
    s.on('connect', () => (opts.halfClose ? s.end(send) : s.write(send)));
    s.on('data', (d) => {
      chunks.push(d);
      if (until?.(Buffer.concat(chunks))) {
        clearTimeout(timer);
        s.destroy();
        resolve(Buffer.concat(chunks));
      }
    });
    s.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    s.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** An HTTP GET through a local port, as curl would do it. */
export function httpGet(port: number, urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.setTimeout(15_000, () => req.destroy(new Error(`GET ${urlPath} through port ${port} timed out`)));
    req.on('error', reject);
  });
}
