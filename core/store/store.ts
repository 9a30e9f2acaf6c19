import type { KubeObject } from '../api/types.js';
import { deepFreeze } from '../util/freeze.js';
import { systemClock, type Clock } from '../util/clock.js';
import { silentLogger, type Logger } from '../util/logger.js';
import { bucketOf } from './keys.js';
import {
  CompactedError,
  StoreConflictError,
  type Backend,
  type ListOptions,
  type ListResult,
  type LogRow,
  type Store,
  type StoreEvent,
  type StoreOp,
  type StoredValue,
  type WatchHandle,
} from './types.js';

export interface StoreConfig {
  backend: Backend;
  clock?: Clock;
  logger?: Logger;
  /** How much history watches can resume from; older revisions answer 410. */
  historyMs?: number;
  /** Rows deleted per compaction slice, so writers never wait long. */
  compactSliceRows?: number;
}

interface PendingCommit {
  ops: StoreOp[];
  resolve: (values: StoredValue[]) => void;
  reject: (err: unknown) => void;
}

interface Watcher {
  prefix: string;
  listener: (event: StoreEvent) => void;
}

function valueFromRow(row: LogRow, object?: KubeObject): StoredValue {
  return { key: row.key, rev: row.rev, createRev: row.createRev, object: deepFreeze(object ?? (JSON.parse(row.json) as KubeObject)), json: row.json };
}

/**
 * Current state in memory over a durable revision log. Writes that arrive in the same
 * turn of the event loop commit as one transaction (group commit); after the commit,
 * events fan out synchronously to watchers, so nothing polls and nothing waits.
 */
export class RevisionStore implements Store {
  private readonly backend: Backend;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly buckets = new Map<string, Map<string, StoredValue>>();
  private readonly sortedKeys = new Map<string, string[]>();
  private readonly watchers = new Set<Watcher>();
  private pending: PendingCommit[] = [];
  private flushScheduled = false;
  private rev: number;
  private compacted: number;
  private closed = false;
  private readonly checkpoints: Array<{ at: number; rev: number }> = [];
  private compactTimer?: { cancel(): void };
  private readonly historyMs: number;
  private readonly sliceRows: number;

  constructor(config: StoreConfig) {
    this.backend = config.backend;
    this.clock = config.clock ?? systemClock;
    this.logger = config.logger ?? silentLogger;
    this.historyMs = config.historyMs ?? 5 * 60_000;
    this.sliceRows = config.compactSliceRows ?? 500;
    const loaded = this.backend.loadCurrent();
    this.rev = loaded.rev;
    this.compacted = loaded.compacted;
    for (const row of loaded.rows) this.index(valueFromRow(row));
    this.scheduleCompaction();
  }

  private bucket(key: string, create: boolean): Map<string, StoredValue> | undefined {
    const name = bucketOf(key);
    let b = this.buckets.get(name);
    if (!b && create) this.buckets.set(name, (b = new Map()));
    return b;
  }

  private index(value: StoredValue): void {
    const b = this.bucket(value.key, true)!;
    if (!b.has(value.key)) this.sortedKeys.delete(bucketOf(value.key));
    b.set(value.key, value);
  }

  private unindex(key: string): void {
    const b = this.bucket(key, false);
    if (b?.delete(key)) this.sortedKeys.delete(bucketOf(key));
  }

  get(key: string): StoredValue | undefined {
    return this.bucket(key, false)?.get(key);
  }

  revision(): number {
    return this.rev;
  }

  compactedRevision(): number {
    return this.compacted;
  }

  private keysOf(bucketName: string): string[] {
    let keys = this.sortedKeys.get(bucketName);
    if (!keys) {
      keys = [...(this.buckets.get(bucketName)?.keys() ?? [])].sort();
      this.sortedKeys.set(bucketName, keys);
    }
    return keys;
  }

  list(prefix: string, opts: ListOptions = {}): ListResult {
    const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
    if (opts.atRev !== undefined && opts.atRev < this.rev) return this.listAt(prefix, opts.atRev, opts, limit);
    const bucketName = bucketOf(prefix);
    const bucket = this.buckets.get(bucketName);
    const items: StoredValue[] = [];
    if (!bucket) return { items, rev: this.rev, more: false };
    const keys = this.keysOf(bucketName);
    let i = lowerBound(keys, opts.startAfter && opts.startAfter >= prefix ? opts.startAfter : prefix);
    if (opts.startAfter && keys[i] === opts.startAfter) i++;
    let more = false;
    let remaining = 0;
    for (; i < keys.length; i++) {
      const key = keys[i];
      if (!key.startsWith(prefix)) break;
      const value = bucket.get(key)!;
      if (opts.filter && !opts.filter(value)) continue;
      if (items.length >= limit) {
        more = true;
        remaining++;
        continue;
      }
      items.push(value);
    }
    return { items, rev: this.rev, more, ...(more ? { remaining } : {}) };
  }

  private listAt(prefix: string, atRev: number, opts: ListOptions, limit: number): ListResult {
    if (atRev < this.compacted) throw new CompactedError(atRev, this.compacted);
    const items: StoredValue[] = [];
    let more = false;
    for (const row of this.backend.snapshot(prefix, atRev, opts.startAfter)) {
      const value = this.get(row.key)?.rev === row.rev ? this.get(row.key)! : valueFromRow(row);
      if (opts.filter && !opts.filter(value)) continue;
      if (items.length >= limit) {
        more = true;
        break;
      }
      items.push(value);
    }
    return { items, rev: atRev, more };
  }

  commit(ops: StoreOp[]): Promise<StoredValue[]> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return new Promise((resolve, reject) => {
      this.pending.push({ ops, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    // Later commits in the batch see the effects of earlier ones, as if each ran alone.
    const overlay = new Map<string, StoredValue | null>();
    const current = (key: string) => (overlay.has(key) ? overlay.get(key)! : this.get(key)) ?? undefined;
    const rows: LogRow[] = [];
    const accepted: Array<{ commit: PendingCommit; values: StoredValue[]; events: StoreEvent[] }> = [];
    let rev = this.rev;
    for (const commit of batch) {
      const local = new Map<string, StoredValue | null>();
      const look = (key: string) => (local.has(key) ? local.get(key)! : current(key)) ?? undefined;
      const values: StoredValue[] = [];
      const events: StoreEvent[] = [];
      const commitRows: LogRow[] = [];
      let failed: unknown;
      let nextRev = rev;
      for (const op of commit.ops) {
        const prev = look(op.key);
        if (op.type === 'create' && prev) failed = new StoreConflictError(op.key, 'exists', prev.rev);
        else if (op.type !== 'create' && !prev) failed = new StoreConflictError(op.key, 'missing', 0);
        else if (op.type !== 'create' && op.expectRev !== undefined && op.expectRev !== prev!.rev) failed = new StoreConflictError(op.key, 'stale', prev!.rev);
        if (failed) break;
        const r = ++nextRev;
        const source: KubeObject = op.type === 'delete' ? { ...prev!.object, metadata: { ...prev!.object.metadata } } : op.object;
        source.metadata = { ...source.metadata, resourceVersion: String(r) };
        let json: string;
        try {
          json = JSON.stringify(source);
        } catch (err) {
          failed = err;
          break;
        }
        const row: LogRow = { rev: r, key: op.key, createRev: op.type === 'create' ? r : prev!.createRev, prevRev: prev?.rev ?? 0, deleted: op.type === 'delete', json };
        const value = valueFromRow(row, source);
        commitRows.push(row);
        values.push(value);
        events.push({ type: op.type === 'create' ? 'ADDED' : op.type === 'update' ? 'MODIFIED' : 'DELETED', rev: r, value, ...(prev ? { prev } : {}) });
        local.set(op.key, op.type === 'delete' ? null : value);
      }
      if (failed) {
        commit.reject(failed);
        continue;
      }
      rev = nextRev;
      for (const [k, v] of local) overlay.set(k, v);
      rows.push(...commitRows);
      accepted.push({ commit, values, events });
    }
    if (rows.length > 0) {
      try {
        this.backend.append(rows);
      } catch (err) {
        this.logger.error('store write failed', { error: String(err) });
        for (const a of accepted) a.commit.reject(err);
        return;
      }
    }
    this.rev = rev;
    for (const [key, value] of overlay) {
      if (value) this.index(value);
      else this.unindex(key);
    }
    for (const a of accepted) a.commit.resolve(a.values);
    for (const a of accepted) for (const e of a.events) this.emit(e);
  }

  private emit(event: StoreEvent): void {
    for (const w of this.watchers) {
      if (!event.value.key.startsWith(w.prefix)) continue;
      try {
        w.listener(event);
      } catch (err) {
        this.logger.error('watch listener failed', { error: String(err) });
      }
    }
  }

  watch(prefix: string, fromRev: number, listener: (event: StoreEvent) => void): WatchHandle {
    if (fromRev < this.compacted) throw new CompactedError(fromRev, this.compacted);
    if (fromRev < this.rev) {
      for (const row of this.backend.history(prefix, fromRev)) {
        const value = valueFromRow(row);
        const prevRow = row.prevRev ? this.backend.rowAt(row.prevRev) : undefined;
        listener({
          type: row.deleted ? 'DELETED' : row.prevRev === 0 || prevRow?.deleted ? 'ADDED' : 'MODIFIED',
          rev: row.rev,
          value,
          ...(prevRow && !prevRow.deleted ? { prev: valueFromRow(prevRow) } : {}),
        });
      }
    }
    const watcher: Watcher = { prefix, listener };
    this.watchers.add(watcher);
    return { stop: () => this.watchers.delete(watcher) };
  }

  private scheduleCompaction(): void {
    if (this.closed) return;
    const interval = Math.max(1000, Math.floor(this.historyMs / 5));
    this.compactTimer = this.clock.setTimeout(() => {
      const now = this.clock.now();
      this.checkpoints.push({ at: now, rev: this.rev });
      let target: number | undefined;
      while (this.checkpoints.length && now - this.checkpoints[0].at >= this.historyMs) target = this.checkpoints.shift()!.rev;
      const done = target !== undefined && target > this.compacted ? this.compact(target) : Promise.resolve();
      done.catch((err) => this.logger.warn('compaction failed', { error: String(err) })).finally(() => this.scheduleCompaction());
    }, interval);
  }

  async compact(rev: number): Promise<void> {
    const target = Math.min(rev, this.rev);
    if (target <= this.compacted) return;
    // Time-sliced: each slice is one short transaction, then writers get the loop back.
    while (!this.closed && this.backend.compactSlice(target, this.sliceRows) > 0) await new Promise((r) => setImmediate(r));
    if (this.closed) return;
    this.backend.setCompacted(target);
    this.compacted = target;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Let commits already queued land before the file closes.
    while (this.pending.length > 0 || this.flushScheduled) await new Promise((r) => setImmediate(r));
    this.closed = true;
    this.compactTimer?.cancel();
    this.watchers.clear();
    this.backend.close();
  }
}

function lowerBound(keys: string[], target: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
