import type { Clock } from '../../util/clock.js';

/** Upstream's ExpectationsTimeout: after this long a controller stops waiting and trusts its cache. */
const EXPECTATIONS_TTL_MS = 5 * 60_000;

interface Expectation {
  add: number;
  del: number;
  at: number;
  /** Keys of pods whose deletion is awaited (UIDTrackingControllerExpectations). */
  deleting: Set<string>;
}

/**
 * Counts creations and deletions a controller has asked for but not yet seen in its cache, so
 * that a reconcile running before the cache catches up does not create (or delete) twice.
 */
export class Expectations {
  private readonly items = new Map<string, Expectation>();

  constructor(private readonly clock: Clock) {}

  private entry(key: string): Expectation {
    let e = this.items.get(key);
    if (!e) this.items.set(key, (e = { add: 0, del: 0, at: this.clock.now(), deleting: new Set() }));
    return e;
  }

  expectCreations(key: string, n: number): void {
    const e = this.entry(key);
    e.add = n;
    e.at = this.clock.now();
  }

  expectDeletions(key: string, podKeys: string[]): void {
    const e = this.entry(key);
    e.del = podKeys.length;
    e.deleting = new Set(podKeys);
    e.at = this.clock.now();
  }

  creationObserved(key: string): void {
    const e = this.items.get(key);
    if (e && e.add > 0) e.add--;
  }

  /** A create that failed will never be observed. */
  lowerCreations(key: string, n = 1): void {
    const e = this.items.get(key);
    if (e) e.add = Math.max(0, e.add - n);
  }

  deletionObserved(key: string, podKey: string): void {
    const e = this.items.get(key);
    if (e && e.deleting.delete(podKey)) e.del = Math.max(0, e.del - 1);
  }

  satisfied(key: string): boolean {
    const e = this.items.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.clock.now() - e.at > EXPECTATIONS_TTL_MS;
  }

  delete(key: string): void {
    this.items.delete(key);
  }
}
