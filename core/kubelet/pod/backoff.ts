import type { Clock } from '../../util/clock.js';

/**
 * client-go's flowcontrol back-off as the kubelet uses it for crash loops and image pulls:
 * the first retry is immediate, then each one waits twice as long as the last, up to a cap;
 * an entry untouched for twice the cap starts over.
 */
export class Backoff {
  private readonly entries = new Map<string, { durationMs: number; lastUpdate: number }>();

  constructor(
    private readonly clock: Clock,
    readonly initialMs: number,
    readonly maxMs: number,
  ) {}

  /** Whether `key` must still wait, counting from `since` (when the failure happened). */
  inBackoffSince(key: string, since: number): boolean {
    return this.remaining(key, since) > 0;
  }

  remaining(key: string, since: number): number {
    const e = this.entries.get(key);
    if (!e) return 0;
    return Math.max(0, since + e.durationMs - this.clock.now());
  }

  duration(key: string): number {
    return this.entries.get(key)?.durationMs ?? 0;
  }

  next(key: string): void {
    const now = this.clock.now();
    const e = this.entries.get(key);
    if (!e || now - e.lastUpdate > 2 * this.maxMs) this.entries.set(key, { durationMs: this.initialMs, lastUpdate: now });
    else this.entries.set(key, { durationMs: Math.min(e.durationMs * 2, this.maxMs), lastUpdate: now });
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  forgetPrefix(prefix: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}
