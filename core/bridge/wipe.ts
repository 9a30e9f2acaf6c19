// "Reset Cluster": everything Kubernetes knew goes, the certificates stay (so kubeconfigs
// keep working). Used until the cluster offers a reset of its own.
import { rmSync } from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';

const MANAGED_LABEL = 'skiff.managed=true';

export async function removeSkiffContainers(docker: Docker): Promise<number> {
  const list = await docker.listContainers({ all: true, filters: { label: [MANAGED_LABEL] } });
  await Promise.all(list.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => {})));
  return list.length;
}

export function removeStoreFiles(dataDir: string): void {
  for (const f of ['store.db', 'store.db-wal', 'store.db-shm', 'store.db-journal']) rmSync(path.join(dataDir, f), { force: true });
}
