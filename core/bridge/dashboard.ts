// Web mode in one call, for `skiff up`: the bridge over the CLI's cluster, served to browsers
// on 127.0.0.1 behind a fresh random token.
import { randomBytes } from 'node:crypto';
import type { Cluster } from '../cluster/index.js';
import { createHeadlessHost } from './headless-host.js';
import { createBridgeService } from './service.js';
import { createWebServer } from './web-server.js';
import { defaultRendererDir, defaultToolsDir, ensureRendererBuilt, findAppRoot } from './app-paths.js';

export const DEFAULT_DASHBOARD_PORT = 6480;

export interface DashboardOptions {
  cluster: Cluster;
  /** Undefined: 6480, or a free port when that is taken. 0: a free port. */
  port?: number;
  /** The built renderer; default `out/renderer` in the app folder (built on first use). */
  rendererDir?: string;
  skiffVersion?: string;
  /** kubectl and helm for the shell terminal. */
  toolsDir?: string;
  /** For tests; default 32 random bytes. */
  token?: string;
  /** The kubeconfig "Use the skiff context" merges into; default kubectl's. */
  kubeconfigFile?: string;
  /** Progress lines (the first-run build); default stderr. */
  say?: (line: string) => void;
}

export interface Dashboard {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startDashboard(opts: DashboardOptions): Promise<Dashboard> {
  const appRoot = findAppRoot();
  const rendererDir = opts.rendererDir ?? defaultRendererDir(appRoot);
  const say = opts.say ?? ((line: string) => process.stderr.write(`skiff: ${line}\n`));
  const problem = ensureRendererBuilt(rendererDir, appRoot, say);
  if (problem) say(`${problem}; the dashboard API still serves`);
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const host = createHeadlessHost({
    cluster: opts.cluster,
    skiffVersion: opts.skiffVersion ?? opts.cluster.config.version ?? '0.0.0',
    toolsDir: opts.toolsDir ?? defaultToolsDir(appRoot),
    kubeconfigFile: opts.kubeconfigFile,
  });
  const bridge = createBridgeService(host);
  const server = await createWebServer({ bridge, rendererDir, token, port: opts.port ?? DEFAULT_DASHBOARD_PORT, fallbackToFreePort: opts.port === undefined });
  return {
    url: server.url,
    port: server.port,
    token,
    async close() {
      await server.close();
      bridge.dispose();
      host.dispose();
    },
  };
}
