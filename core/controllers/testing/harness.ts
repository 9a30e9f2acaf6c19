import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InformerFactory, type Client, type RunningController } from '../../client/index.js';
// Tests need a whole in-process cluster; production controllers never import the composition root.
// eslint-disable-next-line no-restricted-imports
import { createCluster, type Cluster } from '../../cluster/cluster.js';
import { silentLogger } from '../../util/logger.js';
import { systemClock, type Clock } from '../../util/clock.js';
import type { ControllerContext, ControllerStarter } from '../types.js';
import { settleIo } from './fake-clock.js';

export interface TestCluster {
  cluster: Cluster;
  client: Client;
  informers: InformerFactory;
  clock: Clock;
  ctx: ControllerContext;
  run(...starters: ControllerStarter[]): RunningController[];
  /** Waits until every controller started through `run` is idle twice in a row. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestCluster(opts: { clock?: Clock } = {}): Promise<TestCluster> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'skiff-ctrl-'));
  const clock = opts.clock ?? systemClock;
  const cluster = createCluster({ dataDir, port: 0, kubelet: false, store: 'memory', kubeconfig: { mode: 'none' }, clock, logger: silentLogger, workloads: false });
  await cluster.start();
  const client = cluster.client!;
  const informers = new InformerFactory(client);
  const ctx: ControllerContext = { client, informers, clock, logger: silentLogger };
  const running: RunningController[] = [];
  informers.start();
  return {
    cluster,
    client,
    informers,
    clock,
    ctx,
    run(...starters) {
      const started = starters.map((s) => s(ctx));
      running.push(...started);
      return started;
    },
    async settle() {
      for (let i = 0; i < 2; i++) {
        await settleIo();
        await Promise.all(running.map((c) => c.idle()));
      }
      await settleIo();
    },
    async stop() {
      for (const c of running.splice(0)) c.stop();
      informers.stop();
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `fn` until it returns a truthy value (or stops throwing), with real time. */
export async function waitFor<T>(fn: () => T | Promise<T>, timeoutMs = 5000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String((last as Error).message ?? last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}


