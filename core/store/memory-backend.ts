import type { Backend, LogRow } from './types.js';

/** The same contract as SQLite, in memory: for tests and throwaway clusters. */
export class MemoryBackend implements Backend {
  readonly name = 'memory';
  private rows: LogRow[] = [];
  private compacted = 0;

  loadCurrent(): { rows: LogRow[]; rev: number; compacted: number } {
    const latest = new Map<string, LogRow>();
    for (const r of this.rows) latest.set(r.key, r);
    return { rows: [...latest.values()].filter((r) => !r.deleted), rev: this.rows.at(-1)?.rev ?? this.compacted, compacted: this.compacted };
  }

  append(rows: LogRow[], meta?: { compacted?: number }): void {
    this.rows.push(...rows);
    if (meta?.compacted !== undefined) this.compacted = meta.compacted;
  }

  history(prefix: string, afterRev: number): LogRow[] {
    return this.rows.filter((r) => r.rev > afterRev && r.key.startsWith(prefix));
  }

  *snapshot(prefix: string, atRev: number, startAfter: string | undefined): Iterable<LogRow> {
    const latest = new Map<string, LogRow>();
    for (const r of this.rows) if (r.rev <= atRev && r.key.startsWith(prefix) && (!startAfter || r.key > startAfter)) latest.set(r.key, r);
    yield* [...latest.values()].filter((r) => !r.deleted).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  rowAt(rev: number): LogRow | undefined {
    return this.rows.find((r) => r.rev === rev);
  }

  compactSlice(rev: number, max: number): number {
    const newest = new Map<string, number>();
    for (const r of this.rows) newest.set(r.key, r.rev);
    let removed = 0;
    this.rows = this.rows.filter((r) => {
      if (removed >= max || r.rev >= rev) return true;
      if (r.deleted || newest.get(r.key)! > r.rev) {
        removed++;
        return false;
      }
      return true;
    });
    return removed;
  }

  setCompacted(rev: number): void {
    this.compacted = rev;
  }

  close(): void {}
}
