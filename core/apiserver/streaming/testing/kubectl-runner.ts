import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The fetched kubectl of that minor version (`node scripts/fetch-tools.mjs` puts them there). */
export function kubectlBinary(version: string): string {
  return path.join(REPO_ROOT, '.cache', 'tools', 'bin', `kubectl-${version}`);
}

export function kubectlAvailable(version: string): boolean {
  return existsSync(kubectlBinary(version));
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string | Buffer;
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** The real kubectl against one test cluster, with its own HOME and cache; never ~/.kube. */
export class KubectlRunner {
  readonly home: string;

  constructor(
    private readonly kubeconfig: string,
    dir: string,
    readonly version: string,
  ) {
    this.home = path.join(dir, `home-${version}`);
    mkdirSync(this.home, { recursive: true });
  }

  private args(args: string[]): string[] {
    return ['--kubeconfig', this.kubeconfig, '--cache-dir', path.join(this.home, 'cache'), ...args];
  }

  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { PATH: process.env.PATH, HOME: this.home, KUBECONFIG: this.kubeconfig, ...extra };
  }

  /** Starts kubectl and leaves it running (logs -f, port-forward). */
  spawn(args: string[], env: Record<string, string> = {}): ChildProcess {
    return spawn(kubectlBinary(this.version), this.args(args), { env: this.env(env), stdio: ['pipe', 'pipe', 'pipe'] });
  }

  /** Runs kubectl to completion; resolves whatever the exit code. */
  run(args: string[], opts: RunOptions = {}): Promise<RunResult> {
    return collect(this.spawn(args, opts.env), opts);
  }

  /**
   * Runs kubectl on a pseudo-terminal of `cols`×`rows` (so `-t` is honoured), typing
   * `input` once it starts. Output is everything the terminal showed.
   */
  runInPty(args: string[], input: string, opts: { cols?: number; rows?: number; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunResult> {
    const argv = [kubectlBinary(this.version), ...this.args(args)];
    const p = spawn('python3', ['-c', PTY_SCRIPT, String(opts.rows ?? 40), String(opts.cols ?? 120), input, ...argv], { env: this.env(opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
    return collect(p, { timeoutMs: opts.timeoutMs });
  }
}

function collect(p: ChildProcess, opts: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    p.stdout!.on('data', (b) => (stdout += b));
    p.stderr!.on('data', (b) => (stderr += b));
    const timer = setTimeout(() => p.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (p.stdin) {
      if (opts.input !== undefined) p.stdin.end(opts.input);
      else p.stdin.end();
    }
  });
}

// Forks the command on a pty whose size is set before kubectl starts, types the input,
// relays everything the terminal shows, and exits with the command's exit code.
const PTY_SCRIPT = `
import os, pty, sys, fcntl, termios, struct, select, time
rows, cols, data, argv = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].encode(), sys.argv[4:]
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    os.execv(argv[0], argv)
time.sleep(0.5)
os.write(fd, data)
while True:
    try:
        r, _, _ = select.select([fd], [], [], 30)
        if not r:
            break
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    sys.stdout.buffer.write(chunk)
    sys.stdout.flush()
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
`;
