import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, CompactedError, StoreConflictError, type Store, type StoreEvent } from './index.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'skiff-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const cm = (name: string, data: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data });

for (const kind of ['sqlite', 'memory'] as const) {
  describe(`store (${kind})`, () => {
    const open = (dir?: string): Store => (kind === 'sqlite' ? openStore({ kind, dataDir: dir ?? tempDir() }) : openStore({ kind }));

    it('assigns one global revision per write and stamps it as the resourceVersion', async () => {
      const s = open();
      const [a] = await s.commit([{ type: 'create', key: '/core/configmaps/default/a', object: cm('a') }]);
      const [b] = await s.commit([{ type: 'create', key: '/core/configmaps/default/b', object: cm('b') }]);
      expect(b.rev).toBe(a.rev + 1);
      expect(b.object.metadata.resourceVersion).toBe(String(b.rev));
      expect(JSON.parse(b.json).metadata.resourceVersion).toBe(String(b.rev));
      expect(Object.isFrozen(b.object.metadata)).toBe(true);
      await s.close();
    });

    it('refuses stale, duplicate and missing writes', async () => {
      const s = open();
      const [a] = await s.commit([{ type: 'create', key: '/core/configmaps/default/a', object: cm('a') }]);
      await s.commit([{ type: 'update', key: a.key, object: cm('a', { x: '1' }), expectRev: a.rev }]);
      await expect(s.commit([{ type: 'update', key: a.key, object: cm('a', { x: '2' }), expectRev: a.rev }])).rejects.toMatchObject({ kind: 'stale' });
      await expect(s.commit([{ type: 'create', key: a.key, object: cm('a') }])).rejects.toBeInstanceOf(StoreConflictError);
      await expect(s.commit([{ type: 'delete', key: '/core/configmaps/default/zz' }])).rejects.toMatchObject({ kind: 'missing' });
      expect(s.get(a.key)?.object.data).toEqual({ x: '1' });
      await s.close();
    });

    it('batches concurrent commits and lets later ones see earlier ones', async () => {
      const s = open();
      const results = await Promise.allSettled([
        s.commit([{ type: 'create', key: '/core/configmaps/default/a', object: cm('a') }]),
        s.commit([{ type: 'create', key: '/core/configmaps/default/a', object: cm('a') }]),
        s.commit([{ type: 'create', key: '/core/configmaps/default/b', object: cm('b') }]),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(s.list('/core/configmaps/').items.map((v) => v.object.metadata.name)).toEqual(['a', 'b']);
      await s.close();
    });

    it('lists in key order with pagination and at an older revision', async () => {
      const s = open();
      for (const n of ['c', 'a', 'b']) await s.commit([{ type: 'create', key: `/core/configmaps/default/${n}`, object: cm(n) }]);
      const rev = s.revision();
      await s.commit([{ type: 'delete', key: '/core/configmaps/default/a' }]);
      await s.commit([{ type: 'create', key: '/core/configmaps/default/d', object: cm('d') }]);
      const page1 = s.list('/core/configmaps/', { limit: 2 });
      expect(page1.items.map((v) => v.object.metadata.name)).toEqual(['b', 'c']);
      expect(page1.more).toBe(true);
      const page2 = s.list('/core/configmaps/', { limit: 2, startAfter: page1.items[1].key });
      expect(page2.items.map((v) => v.object.metadata.name)).toEqual(['d']);
      const old = s.list('/core/configmaps/', { atRev: rev });
      expect(old.items.map((v) => v.object.metadata.name)).toEqual(['a', 'b', 'c']);
      await s.close();
    });

    it('replays history to a watcher and then streams live events', async () => {
      const s = open();
      const [a] = await s.commit([{ type: 'create', key: '/core/configmaps/default/a', object: cm('a') }]);
      await s.commit([{ type: 'update', key: a.key, object: cm('a', { v: '2' }) }]);
      const seen: StoreEvent[] = [];
      const h = s.watch('/core/configmaps/', a.rev - 1, (e) => seen.push(e));
      await s.commit([{ type: 'delete', key: a.key }]);
      await s.commit([{ type: 'create', key: '/core/secrets/default/x', object: cm('x') }]);
      h.stop();
      expect(seen.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
      expect(seen[1].prev?.object.data).toEqual({});
      expect(seen[2].value.object.data).toEqual({ v: '2' });
      await s.close();
    });

    it('compacts history and answers older revisions with Expired', async () => {
      const s = open();
      const [a] = await s.commit([{ type: 'create', key: '/core/configmaps/default/a', object: cm('a') }]);
      for (let i = 0; i < 5; i++) await s.commit([{ type: 'update', key: a.key, object: cm('a', { i: String(i) }) }]);
      const [b] = await s.commit([{ type: 'create', key: '/core/configmaps/default/b', object: cm('b') }]);
      await s.commit([{ type: 'delete', key: b.key }]);
      const target = s.revision();
      await s.compact(target);
      expect(s.compactedRevision()).toBe(target);
      expect(() => s.watch('/core/', a.rev, () => {})).toThrow(CompactedError);
      expect(s.get(a.key)?.object.data).toEqual({ i: '4' });
      await s.close();
    });
  });
}

describe('store durability', () => {
  it('serves every acknowledged write after a reopen, compaction included', async () => {
    const dir = tempDir();
    const s = openStore({ kind: 'sqlite', dataDir: dir });
    await Promise.all(Array.from({ length: 50 }, (_, i) => s.commit([{ type: 'create', key: `/core/configmaps/default/c${i}`, object: cm(`c${i}`) }])));
    await s.commit([{ type: 'delete', key: '/core/configmaps/default/c7' }]);
    const rev = s.revision();
    await s.compact(rev);
    await s.close();
    const again = openStore({ kind: 'sqlite', dataDir: dir });
    expect(again.revision()).toBe(rev);
    expect(again.list('/core/configmaps/').items).toHaveLength(49);
    expect(again.get('/core/configmaps/default/c7')).toBeUndefined();
    await again.close();
  });

  it('refuses a second process on the same data dir', async () => {
    const dir = tempDir();
    const s = openStore({ kind: 'sqlite', dataDir: dir });
    expect(() => openStore({ kind: 'sqlite', dataDir: dir })).toThrow(/in use/);
    await s.close();
  });
});
