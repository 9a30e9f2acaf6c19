import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { createCluster, type ClusterConfig } from './cluster.js';
import { defaultKubeconfigPath } from './kubeconfig.js';
import { defaultDataDir } from './paths.js';
import { createLogger, type LogLevel } from '../util/logger.js';

const USAGE = `Usage: skiff <command> [options]

Commands:
  up        Start a single-node Kubernetes cluster on this machine
  version   Print the Skiff and Kubernetes versions

Options for up:
  --data-dir DIR        where the cluster keeps its state (default: ${defaultDataDir()})
  --port N              API server port on 127.0.0.1 (default 6443; 0 picks a free port)
  --kubeconfig FILE     write a standalone kubeconfig to FILE instead of merging into
                        ${defaultKubeconfigPath()} as context "skiff"
  --switch-context      make "skiff" the current context when merging
  --no-kubelet          run the control plane only; pods are stored but not run
  --node-name NAME      the node's name (default: this host's name)
  --docker-host URL     the Docker daemon (default: DOCKER_HOST, then the platform's socket)
  --pause-image IMAGE   the image holding each pod's network namespace
                        (default: registry.k8s.io/pause:3.10; any local image works offline)
  --pause-command CMD   the command for a pause image whose own command exits,
                        e.g. "sleep 2147483647" for busybox
  --dashboard-port N    web dashboard port on 127.0.0.1 (default 6480, a free one if taken;
                        0 picks a free one)
  --no-dashboard        do not serve the web dashboard
  --log-level LEVEL     debug, info, warn or error (default warn)
`;

function skiffVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function fail(message: string): never {
  process.stderr.write(`skiff: error: ${message}\n`);
  process.exit(1);
}

function parsePort(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`${name} must be a port number between 0 and 65535, not "${v}"`);
  return n;
}

async function up(argv: string[]): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        kubeconfig: { type: 'string' },
        'switch-context': { type: 'boolean' },
        'no-kubelet': { type: 'boolean' },
        'node-name': { type: 'string' },
        'docker-host': { type: 'string' },
        'pause-image': { type: 'string' },
        'pause-command': { type: 'string' },
        'log-level': { type: 'string' },
        'dashboard-port': { type: 'string' },
        'no-dashboard': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    fail(`${(err as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const started = Date.now();
  const level = (values['log-level'] as LogLevel | undefined) ?? 'warn';
  if (!['debug', 'info', 'warn', 'error'].includes(level)) fail(`--log-level must be debug, info, warn or error`);
  const kubeconfigFile = values.kubeconfig as string | undefined;
  const config: ClusterConfig = {
    dataDir: (values['data-dir'] as string | undefined) ?? defaultDataDir(),
    port: parsePort(values.port as string | undefined, '--port', 6443),
    kubeconfig: kubeconfigFile ? { mode: 'standalone', file: kubeconfigFile } : { mode: 'merge', file: defaultKubeconfigPath(), switchContext: !!values['switch-context'] },
    kubelet: !values['no-kubelet'],
    node: {
      name: values['node-name'] as string | undefined,
      dockerHost: values['docker-host'] as string | undefined,
      pauseImage: values['pause-image'] as string | undefined,
      pauseCommand: values['pause-command'] ? String(values['pause-command']).split(/\s+/).filter(Boolean) : undefined,
    },
    logger: createLogger({ level }),
    version: skiffVersion(),
  };
  const cluster = createCluster(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`skiff: ${signal} received, stopping\n`);
    const force = setTimeout(() => {
      process.stderr.write('skiff: did not stop within 9s, exiting\n');
      process.exit(1);
    }, 9000);
    force.unref();
    cluster.stop().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`skiff: error while stopping: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  try {
    await cluster.start();
  } catch (err) {
    fail((err as Error).message);
  }
  const where = config.kubeconfig.mode === 'none' ? '' : config.kubeconfig.file;
  process.stdout.write(`Skiff ${config.version} (Kubernetes v1.34) is ready in ${((Date.now() - started) / 1000).toFixed(2)}s\n`);
  process.stdout.write(`API server: ${cluster.server_url}\n`);
  process.stdout.write(`Kubeconfig: ${where} (context "skiff")\n`);
  process.stdout.write(`Data dir: ${config.dataDir}\n`);
  if (!values['no-dashboard']) {
    const port = values['dashboard-port'] === undefined ? undefined : parsePort(values['dashboard-port'] as string, '--dashboard-port', 0);
    // Loaded after the API is ready: the dashboard never delays kubectl.
    const { startDashboard } = await import('../bridge/index.js');
    const dashboard = await startDashboard({ cluster, port, skiffVersion: config.version }).catch((err: Error) => fail(`cannot serve the dashboard: ${err.message}`));
    process.stdout.write(`Dashboard: ${dashboard.url}\n`);
  }
}

export async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'up':
      return up(rest);
    case 'version':
    case '--version':
      process.stdout.write(`skiff ${skiffVersion()} (Kubernetes v1.34)\n`);
      return;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return;
    default:
      fail(`unknown command "${cmd}"\n\n${USAGE}`);
  }
}
