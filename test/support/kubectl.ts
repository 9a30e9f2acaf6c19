import { spawn } from 'node:child_process';
import path from 'node:path';
import { helmPath, kubectlPath } from './paths.js';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** Runs a binary to completion, collecting its output. */
export function run(bin: string, args: string[], opts: RunOptions & { cwd?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(bin, args, { env: { ...process.env, ...opts.env }, cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (b) => (stdout += b));
    p.stderr.on('data', (b) => (stderr += b));
    const timer = setTimeout(() => p.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (opts.input !== undefined) p.stdin.end(opts.input);
    else p.stdin.end();
  });
}

/** The real kubectl (and helm) against one cluster, never touching the user's ~/.kube. */
export class Kubectl {
  constructor(private readonly opts: { kubeconfig: string; home: string }) {}

  get env(): Record<string, string> {
    return { HOME: this.opts.home, KUBECONFIG: this.opts.kubeconfig, KUBECACHEDIR: path.join(this.opts.home, 'kube-cache') };
  }

  /** Runs kubectl; resolves whatever the exit code. */
  run(args: string[], opts: RunOptions = {}): Promise<RunResult> {
    return run(kubectlPath(), ['--kubeconfig', this.opts.kubeconfig, '--cache-dir', path.join(this.opts.home, 'kube-cache'), ...args], { ...opts, env: { ...this.env, ...opts.env } });
  }

  /** Runs kubectl and fails with its stderr unless it exits 0. */
  async ok(args: string[], opts: RunOptions = {}): Promise<string> {
    const r = await this.run(args, opts);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}:\n${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  /** Runs kubectl expecting failure, returning stderr. */
  async fails(args: string[], opts: RunOptions = {}): Promise<string> {
    const r = await this.run(args, opts);
    if (r.code === 0) throw new Error(`kubectl ${args.join(' ')} unexpectedly succeeded:\n${r.stdout}`);
    return r.stderr;
  }

  async json(args: string[]): Promise<any> {
    return JSON.parse(await this.ok([...args, '-o', 'json']));
  }

  helm(args: string[], opts: RunOptions = {}): Promise<RunResult> {
    const home = this.opts.home;
    return run(helmPath(), ['--kubeconfig', this.opts.kubeconfig, ...args], {
      ...opts,
      env: { ...this.env, HELM_CACHE_HOME: path.join(home, 'helm-cache'), HELM_CONFIG_HOME: path.join(home, 'helm-config'), HELM_DATA_HOME: path.join(home, 'helm-data'), ...opts.env },
    });
  }
}
