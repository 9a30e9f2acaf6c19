// Terminal sessions for the dashboard: a local shell (node-pty) set up to reach the cluster
// with Skiff's own kubectl and helm, or `exec` into a container through the kubelet. A session
// lives exactly as long as the subscription that opened it, so a closed tab or a dropped
// WebSocket never leaves a shell running.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { writeStandaloneKubeconfig } from '../cluster/index.js';
import type { TerminalEvent, TerminalRequest, Unsubscribe } from './contract.js';
import type { ClusterHost } from './host.js';
import { badRequest, toStatus } from './errors.js';
import { loadPty } from './pty.js';
import { runningClient } from './objects.js';

interface Session {
  write(data: string): void;
  resize(cols: number, rows: number): void;
  close(): void;
}

const DEFAULT_EXEC = ['sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'];

function clampSize(cols: number, rows: number): [number, number] {
  const c = Number.isInteger(cols) ? Math.min(Math.max(cols, 2), 1000) : 80;
  const r = Number.isInteger(rows) ? Math.min(Math.max(rows, 2), 500) : 24;
  return [c, r];
}

/** The environment of the shell terminal: our kubeconfig, our tools first on PATH. */
export function shellEnvironment(base: NodeJS.ProcessEnv, kubeconfig: string | undefined, toolsDir: string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  const pathKey = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  if (toolsDir) env[pathKey] = env[pathKey] ? `${toolsDir}${path.delimiter}${env[pathKey]}` : toolsDir;
  if (kubeconfig) env.KUBECONFIG = kubeconfig;
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  env.SKIFF_SHELL = '1';
  return env;
}

export function defaultShell(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): { file: string; args: string[] } {
  if (platform === 'win32') return { file: 'powershell.exe', args: ['-NoLogo'] };
  // Interactive, not login: a login shell's profile (Debian's /etc/profile) would reset PATH.
  return { file: env.SHELL || '/bin/bash', args: [] };
}

export class TerminalSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly host: ClusterHost) {}

  open(req: TerminalRequest, emit: (e: TerminalEvent) => void): Unsubscribe {
    const id = randomUUID();
    let session: Session | undefined;
    let closed = false;
    const exit = (exitCode?: number, message?: string) => {
      if (closed) return;
      emit({ type: 'exit', exitCode, message });
      this.sessions.delete(id);
    };
    const [cols, rows] = clampSize(req.cols, req.rows);
    const started = req.kind === 'shell' ? Promise.resolve(this.shell(cols, rows, emit, exit)) : this.exec(req, cols, rows, emit, exit);
    started.then(
      (s) => {
        if (closed) return s.close();
        session = s;
        this.sessions.set(id, s);
        emit({ type: 'ready', id, title: req.kind === 'shell' ? 'Shell' : `${req.pod}/${req.container}` });
      },
      (err) => exit(undefined, toStatus(err).message),
    );
    return () => {
      closed = true;
      this.sessions.delete(id);
      session?.close();
    };
  }

  write(id: string, data: string): void {
    if (typeof data !== 'string') throw badRequest('terminal input must be text');
    this.sessionOf(id).write(data);
  }

  resize(id: string, cols: number, rows: number): void {
    const [c, r] = clampSize(cols, rows);
    this.sessionOf(id).resize(c, r);
  }

  private sessionOf(id: string): Session {
    const s = this.sessions.get(id);
    if (!s) throw badRequest(`no terminal ${id}; it has ended`);
    return s;
  }

  private shellKubeconfig(): string | undefined {
    const cluster = this.host.current();
    if (cluster.state !== 'running') return undefined;
    // A standalone file, so the shell's kubectl reaches Skiff whatever the user's own
    // kubeconfig says its current context is.
    const file = path.join(cluster.config.dataDir, 'kubeconfig');
    writeStandaloneKubeconfig(file, cluster.kubeconfigEntry());
    return file;
  }

  private shell(cols: number, rows: number, emit: (e: TerminalEvent) => void, exit: (code?: number, message?: string) => void): Session {
    const pty = loadPty();
    const { file, args } = defaultShell();
    const p = pty.spawn(file, args, { name: 'xterm-256color', cols, rows, cwd: os.homedir(), env: shellEnvironment(process.env, this.shellKubeconfig(), this.host.toolsDir()) });
    p.onData((data) => emit({ type: 'data', data }));
    p.onExit((e) => exit(e.exitCode));
    return {
      write: (d) => p.write(d),
      resize: (c, r) => p.resize(c, r),
      close: () => {
        try {
          p.kill();
        } catch {}
      },
    };
  }

  private async exec(req: Extract<TerminalRequest, { kind: 'exec' }>, cols: number, rows: number, emit: (e: TerminalEvent) => void, exit: (code?: number, message?: string) => void): Promise<Session> {
    const streams = this.host.current().podStreams;
    if (!streams) throw new Error('exec needs the kubelet, which this cluster does not run');
    const pod = runningClient(this.host).get('v1', 'Pod', req.namespace, req.pod);
    const s = await streams.exec(pod, req.container, { command: req.command?.length ? req.command : DEFAULT_EXEC, stdin: true, stdout: true, stderr: false, tty: true });
    s.resize(cols, rows);
    const decoder = new StringDecoder('utf8');
    s.stdout?.on('data', (b: Buffer) => {
      const data = decoder.write(b);
      if (data) emit({ type: 'data', data });
    });
    s.done.then(
      (r) => exit(r.exitCode, r.error),
      (err) => exit(undefined, (err as Error).message),
    );
    return {
      write: (d) => s.stdin?.write(d),
      resize: (c, r) => s.resize(c, r),
      close: () => s.close(),
    };
  }

  closeAll(): void {
    for (const s of this.sessions.values()) s.close();
    this.sessions.clear();
  }
}
