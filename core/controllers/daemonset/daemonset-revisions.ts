import type { KubeObject } from '../../api/types.js';
import type { Client } from '../../client/index.js';
import { bumpRevision, byRevisionNumber, createRevision, nextRevisionNumber, REVISION_HASH_LABEL, RevisionCollision, sameData, templatePatch } from '../shared/controller-history.js';
import { computeTemplateHash } from '../shared/hash.js';

/**
 * Upstream's constructHistory for DaemonSets: the current revision is named `<ds>-<hash>` where
 * hash is the pod-template hash (with collisionCount); an old equal revision is renumbered.
 */
export async function daemonSetRevision(client: Client, ds: KubeObject, owned: KubeObject[]): Promise<{ current: KubeObject; hash: string }> {
  const all = [...owned].sort(byRevisionNumber);
  const data = templatePatch(ds.spec?.template);
  const equal = all.filter((r) => sameData(r, { data }));
  if (equal.length) {
    const cur = equal[equal.length - 1];
    const updated = cur === all[all.length - 1] ? cur : await bumpRevision(client, cur, nextRevisionNumber(all));
    return { current: updated, hash: updated.metadata.labels?.[REVISION_HASH_LABEL] ?? computeTemplateHash(ds.spec?.template, ds.status?.collisionCount) };
  }
  const collisionCount = ds.status?.collisionCount;
  const hash = computeTemplateHash(ds.spec?.template, collisionCount);
  try {
    const created = await createRevision(client, ds, `${ds.metadata.name}-${hash}`, { ...(ds.spec?.template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash }, data, nextRevisionNumber(all));
    return { current: created, hash };
  } catch (err) {
    if (err instanceof RevisionCollision) await client.updateStatus({ ...ds, status: { ...ds.status, collisionCount: (collisionCount ?? 0) + 1 } });
    throw err;
  }
}
