import path from 'node:path';
import { RevisionStore, type StoreConfig } from './store.js';
import { SqliteBackend } from './sqlite-backend.js';
import { MemoryBackend } from './memory-backend.js';
import type { Store } from './types.js';

export * from './types.js';
export { RevisionStore } from './store.js';
export { prefixEnd, bucketOf } from './keys.js';

export type StoreDriver = { kind: 'sqlite'; dataDir: string } | { kind: 'memory' };

export function openStore(driver: StoreDriver, config: Omit<StoreConfig, 'backend'> = {}): Store {
  const backend = driver.kind === 'sqlite' ? new SqliteBackend(path.join(driver.dataDir, 'store.db')) : new MemoryBackend();
  return new RevisionStore({ ...config, backend });
}
