// Skiff in web mode for a test: `skiff up --dashboard-port 0` once the CLI has the flag,
// until then the harness that makes the same cluster and dashboard. Each instance has its
// own data dir, ports and kubeconfig, and the real kubectl pointed at it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../support/paths.js';
import { Kubectl } from '../../support/kubectl.js';

export const TEST_IMAGE = 'skiff-ui/busybox:1';

function cliHasDashboard(): boolean {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'skiff.js'), 'up', '--help'], { encoding: 'utf8' });
  return (r.stdout ?? '').includes('--dashboard-port');
}

export class WebMode {
  proc?: ChildProcess;
  url = '';
  output = '';
  readonly workDir = mkdtempSync(path.join(os.tmpdir(), 'skiff-ui-'));
  readonly dataDir = path.join(this.workDir, 'data');
  readonly kubeconfig = path.join(this.workDir, 'kubeconfig');
  readonly kubectl = new Kubectl({ kubeconfig: this.kubeconfig, home: this.workDir });

  get origin(): string {
    return new URL(this.url).origin;
  }

  get token(): string {
    return new URL(this.url).searchParams.get('token') ?? '';
  }

  async start(): Promise<void> {
    // The local test image doubles as the pause image: nothing is pulled from a registry.
    const common = ['--data-dir', this.dataDir, '--port', '0', '--kubeconfig', this.kubeconfig, '--dashboard-port', '0', '--pause-image', TEST_IMAGE, '--pause-command', 'sleep 2147483647'];
    const args = cliHasDashboard() ? [path.join(REPO_ROOT, 'bin', 'skiff.js'), 'up', ...common] : [path.join(REPO_ROOT, 'dist', 'ui-harness.js'), ...common];
    const p = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: this.workDir } });
    this.proc = p;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`web mode did not print its dashboard URL in 60 s:\n${this.output}`)), 60_000);
      const onData = (b: Buffer) => {
        this.output += b.toString();
        const m = /^Dashboard: (\S+)$/m.exec(this.output);
        if (m) {
          clearTimeout(timer);
          this.url = m[1];
          resolve();
        }
      };
      p.stdout!.on('data', onData);
      p.stderr!.on('data', onData);
      p.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`web mode exited with ${code}:\n${this.output}`));
      });
    });
  }

  /** Calls the bridge over HTTP, as a script would. */
  async call(method: string, ...args: unknown[]): Promise<unknown> {
    const r = await fetch(`${this.origin}/api/call`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` }, body: JSON.stringify({ method, args }) });
    const body = (await r.json()) as { value?: unknown; message?: string };
    if (!r.ok) throw new Error(body.message ?? `HTTP ${r.status}`);
    return body.value;
  }

  async stop(): Promise<void> {
    const p = this.proc;
    if (p && p.exitCode === null) {
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 12_000))]);
      if (p.exitCode === null) p.kill('SIGKILL');
    }
    // Containers this cluster started must not outlive the test.
    const ids = spawnSync('docker', ['ps', '-aq', '--filter', 'label=skiff.managed=true', '--filter', `label=io.kubernetes.pod.namespace=ui-test`], { encoding: 'utf8' }).stdout?.trim();
    if (ids) spawnSync('docker', ['rm', '-f', ...ids.split('\n')], { stdio: 'ignore' });
    rmSync(this.workDir, { recursive: true, force: true });
  }
}
