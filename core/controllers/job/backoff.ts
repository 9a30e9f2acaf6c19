/** Upstream's DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
export const POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;

interface Record {
  failuresAfterLastSuccess: number;
  lastFailureMs: number;
}

/** Per-Job memory of recent pod failures: replacements wait 10 s, 20 s, 40 s, … after the last one. */
export class BackoffStore {
  private readonly records = new Map<string, Record>();

  recordFailures(key: string, n: number, at: number): void {
    if (n <= 0) return;
    const r = this.records.get(key) ?? { failuresAfterLastSuccess: 0, lastFailureMs: 0 };
    r.failuresAfterLastSuccess += n;
    r.lastFailureMs = Math.max(r.lastFailureMs, at);
    this.records.set(key, r);
  }

  recordSuccess(key: string): void {
    this.records.delete(key);
  }

  remainingMs(key: string, now: number): number {
    const r = this.records.get(key);
    if (!r || r.failuresAfterLastSuccess === 0) return 0;
    const delay = Math.min(MAX_POD_FAILURE_BACKOFF_MS, POD_FAILURE_BACKOFF_MS * 2 ** (r.failuresAfterLastSuccess - 1));
    return Math.max(0, r.lastFailureMs + delay - now);
  }

  forget(key: string): void {
    this.records.delete(key);
  }
}
