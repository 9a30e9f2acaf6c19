import type { KubeObject } from '../../api/types.js';
import type { Client } from '../../client/index.js';
import { bumpRevision, byRevisionNumber, createRevision, nextRevisionNumber, REVISION_HASH_LABEL, RevisionCollision, sameData, templatePatch } from '../shared/controller-history.js';
import { controllerRevisionHash } from '../shared/hash.js';

export interface SetRevisions {
  current: KubeObject;
  update: KubeObject;
  all: KubeObject[];
}

/**
 * Upstream's getStatefulSetRevisions: the update revision is the one holding today's template
 * (reused, and renumbered when it is an old one brought back); the current revision is the one
 * status names, else the update revision.
 */
export async function statefulSetRevisions(client: Client, set: KubeObject, owned: KubeObject[]): Promise<SetRevisions> {
  const all = [...owned].sort(byRevisionNumber);
  const data = templatePatch(set.spec?.template);
  const next = nextRevisionNumber(all);
  const equal = all.filter((r) => sameData(r, { data }));
  let update: KubeObject;
  if (equal.length && equal[equal.length - 1] === all[all.length - 1]) update = equal[equal.length - 1];
  else if (equal.length) update = await bumpRevision(client, equal[equal.length - 1], next);
  else {
    const collisionCount = set.status?.collisionCount ?? 0;
    const hash = controllerRevisionHash(data, collisionCount);
    const labels = { ...(set.spec?.template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash };
    try {
      update = await createRevision(client, set, `${set.metadata.name}-${hash}`, labels, data, next, set.metadata.annotations);
    } catch (err) {
      if (err instanceof RevisionCollision) await client.updateStatus({ ...set, status: { ...set.status, collisionCount: collisionCount + 1 } });
      throw err;
    }
    all.push(update);
  }
  const current = all.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return { current, update, all: all.map((r) => (r.metadata.name === update.metadata.name ? update : r)) };
}
