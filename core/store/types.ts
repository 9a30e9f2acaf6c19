import type { KubeObject } from '../api/types.js';

/**
 * One stored object at one revision. Keys look like `/group/resource/namespace/name`;
 * the store indexes by their first two segments and knows nothing else about them.
 */
export interface StoredValue {
  readonly key: string;
  /** The revision that wrote this value: its resourceVersion. */
  readonly rev: number;
  readonly createRev: number;
  /** Deep-frozen; copy before changing. */
  readonly object: KubeObject;
  /** The object serialised once, reused by every read. */
  readonly json: string;
}

export type StoreOp =
  | { type: 'create'; key: string; object: KubeObject }
  | { type: 'update'; key: string; object: KubeObject; expectRev?: number }
  | { type: 'delete'; key: string; expectRev?: number };

export type ConflictKind = 'exists' | 'missing' | 'stale';

export class StoreConflictError extends Error {
  constructor(
    readonly key: string,
    readonly kind: ConflictKind,
    readonly currentRev: number,
  ) {
    super(`store conflict on ${key}: ${kind}`);
    this.name = 'StoreConflictError';
  }
}

/** A read or watch from before the compacted revision. */
export class CompactedError extends Error {
  constructor(
    readonly requested: number,
    readonly compacted: number,
  ) {
    super(`too old resource version: ${requested} (${compacted})`);
    this.name = 'CompactedError';
  }
}

export class SchemaVersionError extends Error {}

export interface StoreEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  rev: number;
  /** For DELETED, the last state stamped with the deleting revision. */
  value: StoredValue;
  /** The state before this event, when the store still holds it. */
  prev?: StoredValue;
}

export interface ListOptions {
  /** Return keys strictly after this one (pagination). */
  startAfter?: string;
  limit?: number;
  /** Read the state as of this revision instead of now (continue tokens). */
  atRev?: number;
  /** Skip values that this returns false for, without counting them against limit. */
  filter?: (v: StoredValue) => boolean;
}

export interface ListResult {
  items: StoredValue[];
  /** The revision the list reflects. */
  rev: number;
  /** Set when more keys follow the last item. */
  more: boolean;
  remaining?: number;
}

export interface WatchHandle {
  stop(): void;
}

export interface Store {
  get(key: string): StoredValue | undefined;
  list(prefix: string, opts?: ListOptions): ListResult;
  /** Latest committed revision. */
  revision(): number;
  compactedRevision(): number;
  /** Commits the ops atomically, batched with other commits into one durable transaction. Takes ownership of the objects. */
  commit(ops: StoreOp[]): Promise<StoredValue[]>;
  /**
   * Calls `listener` for every event under `prefix` after `fromRev`, first replaying history,
   * then live, in revision order. Throws CompactedError when `fromRev` is no longer retained.
   */
  watch(prefix: string, fromRev: number, listener: (event: StoreEvent) => void): WatchHandle;
  /** Drops history before `rev` (current values stay). */
  compact(rev: number): Promise<void>;
  close(): Promise<void>;
}

/** A row of the revision log, as a backend persists it. */
export interface LogRow {
  rev: number;
  key: string;
  createRev: number;
  prevRev: number;
  deleted: boolean;
  json: string;
}

/** What a driver must do; the Store above it owns caching, batching and fan-out. */
export interface Backend {
  readonly name: string;
  /** Current (latest, not deleted) rows, and the highest revision ever written. */
  loadCurrent(): { rows: LogRow[]; rev: number; compacted: number };
  append(rows: LogRow[], meta?: { compacted?: number }): void;
  /** Rows after `afterRev` whose key starts with `prefix`, in revision order. */
  history(prefix: string, afterRev: number): LogRow[];
  /** Latest row per key under `prefix` with rev <= atRev, keys after `startAfter`, sorted by key. */
  snapshot(prefix: string, atRev: number, startAfter: string | undefined): Iterable<LogRow>;
  rowAt(rev: number): LogRow | undefined;
  /** Deletes up to `max` superseded rows below `rev`; returns how many went. */
  compactSlice(rev: number, max: number): number;
  setCompacted(rev: number): void;
  close(): void;
}
