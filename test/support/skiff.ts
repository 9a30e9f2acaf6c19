import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './paths.js';
import { Kubectl } from './kubectl.js';

export interface SkiffOptions {
  kubelet?: boolean;
  dataDir?: string;
  port?: number;
  args?: string[];
  env?: Record<string, string>;
  /** Serve the web dashboard too (off by default: most tests drive kubectl only). */
  dashboard?: boolean;
}

/** A `skiff up` process on its own data dir, port and kubeconfig, driven by the real kubectl. */
export class SkiffProcess {
  proc?: ChildProcess;
  port = 0;
  stdout = '';
  stderr = '';
  readonly dataDir: string;
  readonly workDir: string;
  readonly kubeconfig: string;
  readonly kubectl: Kubectl;
  private exited?: Promise<number | null>;

  constructor(readonly options: SkiffOptions = {}) {
    this.workDir = mkdtempSync(path.join(os.tmpdir(), 'skiff-test-'));
    this.dataDir = options.dataDir ?? path.join(this.workDir, 'data');
    this.kubeconfig = path.join(this.workDir, 'kubeconfig');
    this.kubectl = new Kubectl({ kubeconfig: this.kubeconfig, home: this.workDir });
  }

  args(): string[] {
    return [
      path.join(REPO_ROOT, 'bin', 'skiff.js'),
      'up',
      '--data-dir',
      this.dataDir,
      '--port',
      String(this.options.port ?? this.port ?? 0),
      '--kubeconfig',
      this.kubeconfig,
      ...(this.options.kubelet ? [] : ['--no-kubelet']),
      ...(this.options.dashboard ? [] : ['--no-dashboard']),
      ...(this.options.args ?? []),
    ];
  }

  async start(timeoutMs = 30_000): Promise<void> {
    this.stdout = '';
    this.stderr = '';
    const proc = spawn(process.execPath, this.args(), { cwd: REPO_ROOT, env: { ...process.env, HOME: this.workDir, ...this.options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    this.exited = new Promise((r) => proc.on('exit', (code) => r(code)));
    proc.stdout!.on('data', (b) => (this.stdout += b));
    proc.stderr!.on('data', (b) => (this.stderr += b));
    const deadline = Date.now() + timeoutMs;
    while (!/API server: https:\/\/127\.0\.0\.1:(\d+)/.test(this.stdout)) {
      if (proc.exitCode !== null) throw new Error(`skiff exited with ${proc.exitCode}: ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`skiff did not start: ${this.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    this.port = Number(/API server: https:\/\/127\.0\.0\.1:(\d+)/.exec(this.stdout)![1]);
    if (!(this.options.port ?? 0)) this.options.port = this.port;
  }

  /** GET a public path (/readyz, /version) over TLS verified against the cluster CA. */
  async getPublic(p: string): Promise<{ status: number; body: string }> {
    const ca = Buffer.from(this.kubeconfigDoc().clusters[0].cluster['certificate-authority-data'], 'base64');
    return new Promise((resolve, reject) => {
      https
        .get({ host: '127.0.0.1', port: this.port, path: p, ca, servername: 'localhost' }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
        .on('error', reject);
    });
  }

  kubeconfigDoc(): any {
    return parse(readFileSync(this.kubeconfig, 'utf8'));
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (!this.proc || this.proc.exitCode !== null) return this.proc?.exitCode ?? null;
    this.proc.kill(signal);
    return this.exited!;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async dispose(): Promise<void> {
    await this.stop('SIGKILL');
    rmSync(this.workDir, { recursive: true, force: true });
  }
}

export async function startSkiff(options: SkiffOptions = {}): Promise<SkiffProcess> {
  const s = new SkiffProcess(options);
  await s.start();
  return s;
}
