import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// Tests need the real registry pipeline (defaults, validation, status subresource) behind the
// in-process client; only the composition root builds one, so the test harness borrows it.
// eslint-disable-next-line no-restricted-imports
import { createCluster, type Cluster } from '../../cluster/index.js';
import type { ControllerContext } from '../../controllers/types.js';
import type { Clock } from '../../util/clock.js';
import { silentLogger } from '../../util/logger.js';
import type { IssueToken } from '../volumes/token-manager.js';

export interface TestCluster {
  cluster: Cluster;
  ctx: ControllerContext;
  dataDir: string;
  caCert: string;
  issueToken: IssueToken;
  close(): Promise<void>;
}

/** An in-memory cluster without a kubelet, for the kubelet's own tests. */
export async function startTestCluster(opts: { clock?: Clock } = {}): Promise<TestCluster> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'skiff-kubelet-'));
  let ctx!: ControllerContext;
  const cluster = createCluster({
    dataDir: path.join(dataDir, 'cluster'),
    port: 0,
    kubeconfig: { mode: 'none' },
    kubelet: false,
    store: 'memory',
    clock: opts.clock,
    logger: silentLogger,
    workloads: false,
    controllers: [
      (c) => {
        ctx = c;
        return { name: 'capture', stop() {}, idle: async () => {} };
      },
    ],
  });
  await cluster.start();
  const issueToken: IssueToken = async (namespace, serviceAccount, pod, audiences, expirationSeconds) => {
    const now = (opts.clock ?? { now: Date.now }).now();
    const token = `test-token.${namespace}.${serviceAccount}.${pod.metadata.name}.${audiences.join(',')}`;
    return { token, expirationTimestamp: new Date(now + expirationSeconds * 1000).toISOString() };
  };
  return {
    cluster,
    ctx,
    dataDir,
    caCert: cluster.pki!.caCert,
    issueToken,
    close: async () => {
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
