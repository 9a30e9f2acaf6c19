// Web mode for the UI tests until `skiff up --dashboard-port` exists: the same cluster the CLI
// makes, plus startDashboard, printing the CLI's lines. Bundled by harness.ts with esbuild.
import { parseArgs } from 'node:util';
import { createCluster } from '../../../core/cluster/index.js';
import { startDashboard } from '../../../core/bridge/index.js';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    kubeconfig: { type: 'string' },
    'dashboard-port': { type: 'string', default: '0' },
    'renderer-dir': { type: 'string' },
    'no-kubelet': { type: 'boolean' },
    'pause-image': { type: 'string' },
    'pause-command': { type: 'string' },
  },
});

const cluster = createCluster({
  dataDir: values['data-dir']!,
  port: Number(values.port),
  kubeconfig: values.kubeconfig ? { mode: 'standalone', file: values.kubeconfig } : { mode: 'none' },
  kubelet: !values['no-kubelet'],
  node: { pauseImage: values['pause-image'], pauseCommand: values['pause-command']?.split(/\s+/).filter(Boolean) },
  version: '0.1.0',
});
await cluster.start();
const dashboard = await startDashboard({ cluster, port: Number(values['dashboard-port']), rendererDir: values['renderer-dir'], kubeconfigFile: values.kubeconfig });
process.stdout.write(`API server: ${cluster.server_url}\n`);
process.stdout.write(`Dashboard: ${dashboard.url}\n`);
const stop = async () => {
  await dashboard.close();
  await cluster.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
