import type { Logger } from '../util/logger.js';
import { WorkQueue } from './workqueue.js';
import { StatusError } from '../api/errors.js';

export interface ReconcileResult {
  /** Call again after this long even if nothing changes. */
  requeueAfterMs?: number;
}

export interface ControllerSpec {
  name: string;
  queue: WorkQueue;
  reconcile(key: string): Promise<ReconcileResult | void>;
  workers?: number;
  logger: Logger;
  /** Called on stop: the informer subscriptions that feed the queue. */
  onStop?: Array<() => void>;
}

export interface RunningController {
  name: string;
  stop(): void;
  /** Resolves once the queue is empty and no reconcile runs: for tests and orderly shutdown. */
  idle(): Promise<void>;
}

/** Runs a reconcile loop: keys in, level-triggered reconciles out, failures retried with back-off. */
export function runController(spec: ControllerSpec): RunningController {
  let running = 0;
  let stopped = false;
  const idleWaiters: Array<() => void> = [];
  const checkIdle = () => {
    if (running === 0 && spec.queue.length === 0) for (const w of idleWaiters.splice(0)) w();
  };
  const worker = async () => {
    for (;;) {
      const key = await spec.queue.get();
      if (key === undefined || stopped) return;
      running++;
      try {
        const result = await spec.reconcile(key);
        spec.queue.forget(key);
        if (result?.requeueAfterMs !== undefined) spec.queue.addAfter(key, result.requeueAfterMs);
      } catch (err) {
        const conflict = err instanceof StatusError && err.code === 409;
        if (!conflict) spec.logger.warn('reconcile failed', { controller: spec.name, key, error: String((err as Error)?.message ?? err) });
        spec.queue.addRateLimited(key);
      } finally {
        running--;
        spec.queue.done(key);
        checkIdle();
      }
    }
  };
  for (let i = 0; i < (spec.workers ?? 1); i++) void worker();
  return {
    name: spec.name,
    stop() {
      stopped = true;
      for (const u of spec.onStop ?? []) u();
      spec.queue.shutdown();
    },
    idle: () =>
      new Promise((r) => {
        idleWaiters.push(r);
        checkIdle();
      }),
  };
}
