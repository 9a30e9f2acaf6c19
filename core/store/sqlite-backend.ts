import Database from 'better-sqlite3';
import { SchemaVersionError, type Backend, type LogRow } from './types.js';
import { prefixEnd } from './keys.js';

export const SCHEMA_VERSION = 1;

interface RawRow {
  rev: number;
  key: string;
  create_rev: number;
  prev_rev: number;
  deleted: number;
  value: string;
}

const toRow = (r: RawRow): LogRow => ({ rev: r.rev, key: r.key, createRev: r.create_rev, prevRev: r.prev_rev, deleted: r.deleted === 1, json: r.value });

/**
 * The revision log in one SQLite file, kine's layout: a row per write, the row id is the
 * revision. WAL with synchronous=FULL makes every committed batch durable before we
 * acknowledge it; the exclusive lock keeps a second process off the same data dir.
 */
export class SqliteBackend implements Backend {
  readonly name = 'sqlite';
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly setMeta: Database.Statement;
  private readonly appendTx: (rows: LogRow[], compacted?: number) => void;

  constructor(file: string) {
    this.db = new Database(file, { timeout: 0 });
    try {
      this.db.pragma('locking_mode = EXCLUSIVE');
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.exec('BEGIN EXCLUSIVE; COMMIT;');
    } catch (err) {
      this.db.close();
      if (String((err as Error).message).includes('locked')) throw new Error(`the data dir is in use by another Skiff process (${file} is locked)`);
      throw err;
    }
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS log (
        rev INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        create_rev INTEGER NOT NULL,
        prev_rev INTEGER NOT NULL,
        deleted INTEGER NOT NULL,
        value TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS log_key_rev ON log(key, rev);
    `);
    const version = this.getMeta('schema_version');
    if (version === undefined) this.db.prepare('INSERT INTO meta (k, v) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
    else if (Number(version) > SCHEMA_VERSION)
      throw new SchemaVersionError(`the data dir was written by a newer Skiff (store schema ${version}); this version reads schema ${SCHEMA_VERSION} and below`);
    this.insert = this.db.prepare('INSERT INTO log (rev, key, create_rev, prev_rev, deleted, value) VALUES (?, ?, ?, ?, ?, ?)');
    this.setMeta = this.db.prepare('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v');
    this.appendTx = this.db.transaction((rows: LogRow[], compacted?: number) => {
      for (const r of rows) this.insert.run(r.rev, r.key, r.createRev, r.prevRev, r.deleted ? 1 : 0, r.json);
      if (compacted !== undefined) this.setMeta.run('compacted', String(compacted));
    });
  }

  private getMeta(k: string): string | undefined {
    const row = this.db.prepare('SELECT v FROM meta WHERE k = ?').get(k) as { v: string } | undefined;
    return row?.v;
  }

  loadCurrent(): { rows: LogRow[]; rev: number; compacted: number } {
    const raw = this.db
      .prepare(
        `SELECT l.* FROM (SELECT key, MAX(rev) AS rev FROM log GROUP BY key) m JOIN log l ON l.rev = m.rev WHERE l.deleted = 0`,
      )
      .all() as RawRow[];
    const max = (this.db.prepare('SELECT MAX(rev) AS rev FROM log').get() as { rev: number | null }).rev ?? 0;
    const compacted = Number(this.getMeta('compacted') ?? 0);
    return { rows: raw.map(toRow), rev: Math.max(max, compacted), compacted };
  }

  append(rows: LogRow[], meta?: { compacted?: number }): void {
    this.appendTx(rows, meta?.compacted);
  }

  history(prefix: string, afterRev: number): LogRow[] {
    return (this.db.prepare('SELECT * FROM log WHERE rev > ? AND key >= ? AND key < ? ORDER BY rev').all(afterRev, prefix, prefixEnd(prefix)) as RawRow[]).map(toRow);
  }

  *snapshot(prefix: string, atRev: number, startAfter: string | undefined): Iterable<LogRow> {
    const from = startAfter && startAfter >= prefix ? startAfter : prefix;
    const op = startAfter && startAfter >= prefix ? '>' : '>=';
    const stmt = this.db.prepare(
      `SELECT l.* FROM (SELECT key, MAX(rev) AS rev FROM log WHERE key ${op} ? AND key < ? AND rev <= ? GROUP BY key) m
       JOIN log l ON l.rev = m.rev WHERE l.deleted = 0 ORDER BY l.key`,
    );
    for (const r of stmt.iterate(from, prefixEnd(prefix), atRev) as Iterable<RawRow>) yield toRow(r);
  }

  rowAt(rev: number): LogRow | undefined {
    const r = this.db.prepare('SELECT * FROM log WHERE rev = ?').get(rev) as RawRow | undefined;
    return r && toRow(r);
  }

  compactSlice(rev: number, max: number): number {
    // Oldest first, so a tombstone outlives the rows it supersedes until they are gone.
    const info = this.db
      .prepare(
        `DELETE FROM log WHERE rev IN (
           SELECT l.rev FROM log l WHERE l.rev < ?
             AND (l.deleted = 1 OR EXISTS (SELECT 1 FROM log n WHERE n.key = l.key AND n.rev > l.rev))
           ORDER BY l.rev LIMIT ?)`,
      )
      .run(rev, max);
    return info.changes;
  }

  setCompacted(rev: number): void {
    this.setMeta.run('compacted', String(rev));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
