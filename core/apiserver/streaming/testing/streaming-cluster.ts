import { mkdtempSync, rmSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { PodStreams } from '../../../api/pod-streams.js';
import type { KubeObject } from '../../../api/types.js';
// The streaming handlers are tested behind the real API server with the real registry, and
// only the composition root assembles those; the test borrows it.
// eslint-disable-next-line no-restricted-imports
import { createCluster, type Cluster } from '../../../cluster/index.js';
import { silentLogger } from '../../../util/logger.js';

export interface StreamingCluster {
  cluster: Cluster;
  dir: string;
  kubeconfig: string;
  port: number;
  tls: { ca: string; cert: string; key: string };
  /** A raw HTTPS request as the admin. */
  request(method: string, urlPath: string, headers?: Record<string, string>): Promise<{ status: number; body: string; headers: Record<string, unknown> }>;
  /** Creates a pod and gives it a status, as a kubelet would have. */
  pod(name: string, spec: Record<string, unknown>, status: Record<string, unknown>, annotations?: Record<string, string>): Promise<KubeObject>;
  /** Each streaming upgrade seen, as `exec websocket` or `portforward spdy/3.1`. */
  upgrades: string[];
  /** Swaps what the handlers see as the kubelet (undefined: `--no-kubelet`). */
  setStreams(streams: PodStreams | undefined): void;
  stop(): Promise<void>;
}

export async function startStreamingCluster(initial: PodStreams | undefined): Promise<StreamingCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'skiff-streaming-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  const cluster = createCluster({ dataDir: path.join(dir, 'data'), port: 0, kubelet: false, store: 'memory', kubeconfig: { mode: 'standalone', file: kubeconfig }, logger: silentLogger, workloads: false });
  cluster.podStreams = initial;
  const upgrades: string[] = [];
  for (const [key, handler] of cluster.upgrades) {
    cluster.upgrades.set(key, (call) => {
      upgrades.push(`${key.split('/')[1]} ${String(call.req.headers.upgrade ?? '').toLowerCase()}`);
      return handler(call);
    });
  }
  await cluster.start();
  cluster.podStreams = initial;
  const entry = cluster.kubeconfigEntry();
  const tls = { ca: entry.caCert, cert: entry.clientCert, key: entry.clientKey };
  const agent = new https.Agent({ ...tls, keepAlive: false });
  return {
    cluster,
    dir,
    kubeconfig,
    port: cluster.port!,
    tls,
    upgrades,
    request: (method, urlPath, headers = {}) =>
      new Promise((resolve, reject) => {
        const req = https.request({ host: '127.0.0.1', port: cluster.port, path: urlPath, method, agent, servername: 'localhost', headers }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
        });
        req.on('error', reject);
        req.end();
      }),
    async pod(name, spec, status, annotations) {
      const client = cluster.client!;
      // Pods run as a service account that must exist; no controller makes one here (workloads are off).
      if (!client.find('v1', 'ServiceAccount', 'default', 'default')) await client.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } });
      const created = await client.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', ...(annotations ? { annotations } : {}) }, spec });
      return client.updateStatus({ ...created, status });
    },
    setStreams(s) {
      cluster.podStreams = s;
    },
    async stop() {
      agent.destroy();
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A running single-container status, as our kubelet reports it. */
export function runningStatus(containers: string[]): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }],
    containerStatuses: containers.map((name) => ({
      name,
      ready: true,
      restartCount: 0,
      image: 'busybox',
      imageID: 'docker-pullable://busybox@sha256:0',
      containerID: `docker://${name}0000`,
      started: true,
      state: { running: { startedAt: now } },
    })),
  };
}
