import type { WorkQueue } from '../client/index.js';
import type { Clock } from '../util/clock.js';

export interface SchedulingQueueConfig {
  queue: WorkQueue;
  clock: Clock;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

/**
 * Upstream's three queues over one WorkQueue: the WorkQueue is the active queue, `addAfter` is
 * the back-off queue, and `unschedulable` holds pods that failed until something in the cluster
 * changes (a node appears or changes, a pod goes away) or they have waited too long.
 */
export class SchedulingQueue {
  private readonly attempts = new Map<string, number>();
  private readonly lastFailure = new Map<string, number>();
  private readonly unschedulable = new Map<string, number>();

  constructor(private readonly cfg: SchedulingQueueConfig) {}

  private backoffMs(key: string): number {
    const n = this.attempts.get(key) ?? 0;
    if (n === 0) return 0;
    return Math.min(this.cfg.maxBackoffMs, this.cfg.initialBackoffMs * 2 ** (n - 1));
  }

  private remainingBackoff(key: string): number {
    const last = this.lastFailure.get(key);
    if (last === undefined) return 0;
    return Math.max(0, last + this.backoffMs(key) - this.cfg.clock.now());
  }

  /** A new or changed pod: schedule it now, or when its back-off ends. */
  add(key: string): void {
    this.unschedulable.delete(key);
    this.cfg.queue.addAfter(key, this.remainingBackoff(key));
  }

  /** The pod fits nowhere: park it until the cluster changes. */
  markUnschedulable(key: string): void {
    this.fail(key);
    this.unschedulable.set(key, this.cfg.clock.now());
  }

  /** Something went wrong other than fit (a binding error): retry after back-off. */
  markError(key: string): void {
    this.fail(key);
    this.cfg.queue.addAfter(key, this.backoffMs(key));
  }

  private fail(key: string): void {
    this.attempts.set(key, (this.attempts.get(key) ?? 0) + 1);
    this.lastFailure.set(key, this.cfg.clock.now());
  }

  /** The pod is bound or gone. */
  done(key: string): void {
    this.attempts.delete(key);
    this.lastFailure.delete(key);
    this.unschedulable.delete(key);
    this.cfg.queue.forget(key);
  }

  /** A cluster event that may make parked pods fit. */
  moveAllToActive(): void {
    for (const key of [...this.unschedulable.keys()]) this.add(key);
  }

  /** Retries pods parked longer than `maxAgeMs` even without an event. */
  flushStale(maxAgeMs: number): void {
    const now = this.cfg.clock.now();
    for (const [key, since] of [...this.unschedulable]) if (now - since >= maxAgeMs) this.add(key);
  }

  get parked(): number {
    return this.unschedulable.size;
  }
}
