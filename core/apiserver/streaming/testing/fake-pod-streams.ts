import { spawn } from 'node:child_process';
import net from 'node:net';
import { PassThrough, type Duplex, type Readable } from 'node:stream';
import type { AttachOptions, ExecOptions, LogOptions, PodStreams, StreamSession } from '../../../api/pod-streams.js';
import type { KubeObject } from '../../../api/types.js';

interface LogBook {
  lines: { time: string; text: string }[];
  followers: Set<PassThrough>;
  ended: boolean;
}

/**
 * A stand-in kubelet for tests: exec runs local processes, port-forward dials local TCP
 * ports, logs come from lines the test writes. It records what it was asked.
 */
export class FakePodStreams implements PodStreams {
  readonly logCalls: { pod: string; container: string; opts: LogOptions; signal: AbortSignal }[] = [];
  readonly execCalls: { pod: string; container: string; opts: ExecOptions | AttachOptions }[] = [];
  readonly resizes: [number, number][] = [];
  /** Pod port → local port to dial. */
  readonly ports = new Map<number, number>();
  /** Containers for which exec/attach fail before starting, like a kubelet that cannot find them. */
  readonly missing = new Set<string>();
  /** The process attach connects to. */
  attachCommand = ['cat'];
  private readonly books = new Map<string, LogBook>();

  private book(pod: string, container: string): LogBook {
    const key = `${pod}/${container}`;
    let b = this.books.get(key);
    if (!b) this.books.set(key, (b = { lines: [], followers: new Set(), ended: false }));
    return b;
  }

  /** Appends a log line (without newline) and hands it to every follower. */
  writeLog(pod: string, container: string, text: string, time = new Date()): void {
    const b = this.book(pod, container);
    const line = { time: time.toISOString(), text };
    b.lines.push(line);
    for (const f of b.followers) f.write(render(line, (f as PassThrough & { timestamps?: boolean }).timestamps ?? false));
  }

  /** Ends the container: followers see the end of the log. */
  endLog(pod: string, container: string): void {
    const b = this.book(pod, container);
    b.ended = true;
    for (const f of b.followers) f.end();
    b.followers.clear();
  }

  followers(pod: string, container: string): number {
    return this.book(pod, container).followers.size;
  }

  async logs(pod: KubeObject, container: string, opts: LogOptions, signal: AbortSignal): Promise<Readable> {
    const name = key(pod);
    this.logCalls.push({ pod: name, container, opts, signal });
    const b = this.book(name, container);
    let lines = b.lines;
    if (opts.tailLines !== undefined) lines = lines.slice(Math.max(0, lines.length - opts.tailLines));
    const out = new PassThrough() as PassThrough & { timestamps?: boolean };
    out.timestamps = opts.timestamps;
    for (const l of lines) out.write(render(l, opts.timestamps));
    if (!opts.follow || b.ended) {
      out.end();
      return out;
    }
    b.followers.add(out);
    const stop = () => {
      b.followers.delete(out);
      out.destroy();
    };
    signal.addEventListener('abort', stop, { once: true });
    out.on('close', () => b.followers.delete(out));
    return out;
  }

  async exec(pod: KubeObject, container: string, opts: ExecOptions): Promise<StreamSession> {
    this.execCalls.push({ pod: key(pod), container, opts });
    if (this.missing.has(container)) throw new Error(`container not found ("${container}")`);
    return this.run(opts.command, opts);
  }

  async attach(pod: KubeObject, container: string, opts: AttachOptions): Promise<StreamSession> {
    this.execCalls.push({ pod: key(pod), container, opts });
    if (this.missing.has(container)) throw new Error(`container not found ("${container}")`);
    return this.run(this.attachCommand, opts);
  }

  async portForward(_pod: KubeObject, port: number): Promise<Duplex> {
    const local = this.ports.get(port);
    if (local === undefined) throw new Error(`dial tcp4 127.0.0.1:${port}: connect: connection refused`);
    return new Promise((resolve, reject) => {
      const s = net.connect(local, '127.0.0.1');
      s.once('connect', () => resolve(s));
      s.once('error', reject);
    });
  }

  private run(command: string[], opts: AttachOptions): StreamSession {
    const child = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout: Readable | undefined = opts.stdout ? child.stdout : undefined;
    let stderr: Readable | undefined = opts.stderr ? child.stderr : undefined;
    if (opts.tty) {
      // A terminal has one output: merge, as a real TTY would.
      const merged = new PassThrough();
      let open = 2;
      const endOne = () => --open === 0 && merged.end();
      child.stdout.on('data', (c) => merged.write(c)).on('end', endOne);
      child.stderr.on('data', (c) => merged.write(c)).on('end', endOne);
      stdout = merged;
      stderr = undefined;
    }
    if (!stdout && !opts.tty) child.stdout.resume();
    if (!stderr && !opts.tty) child.stderr.resume();
    if (!opts.stdin) child.stdin.end();
    const done = new Promise<{ exitCode?: number; error?: string }>((resolve) => {
      child.once('error', (err: NodeJS.ErrnoException) =>
        resolve({ error: err.code === 'ENOENT' ? `exec: "${command[0]}": executable file not found in $PATH` : err.message }),
      );
      child.once('exit', (code, signal) => resolve({ exitCode: code ?? 128 + (signal ? (signalNumbers[signal] ?? 1) : 1) }));
    });
    return {
      stdin: opts.stdin ? child.stdin : undefined,
      stdout,
      stderr,
      resize: (w, h) => this.resizes.push([w, h]),
      done,
      close: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
    };
  }
}

const signalNumbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

function key(pod: KubeObject): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

function render(line: { time: string; text: string }, timestamps: boolean): string {
  return timestamps ? `${line.time} ${line.text}\n` : `${line.text}\n`;
}
