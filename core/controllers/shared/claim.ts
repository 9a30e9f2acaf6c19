import type { LabelSelector } from '../../api/labels.js';
import type { KubeObject } from '../../api/types.js';
import { isNotFound, type Client } from '../../client/index.js';
import { controllerRefOf, newControllerRef } from './owner-refs.js';
import { matches } from './selectors.js';

export interface ClaimRequest {
  client: Client;
  owner: KubeObject;
  selector: LabelSelector | null;
  /** The owner as the cache has it now: adoption re-checks it is the same, live object. */
  current(): KubeObject | undefined;
}

/**
 * Upstream's ControllerRefManager: keeps what the owner controls and still selects, releases what
 * it controls but no longer selects, and adopts orphans it selects. Returns what it owns now.
 */
export async function claim(req: ClaimRequest, candidates: KubeObject[]): Promise<KubeObject[]> {
  const { owner, selector } = req;
  const ownerDeleting = !!owner.metadata.deletionTimestamp;
  const claimed: KubeObject[] = [];
  for (const obj of candidates) {
    const ref = controllerRefOf(obj);
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (matches(selector, obj.metadata.labels)) claimed.push(obj);
      else if (!ownerDeleting && !obj.metadata.deletionTimestamp) await release(req.client, obj, owner.metadata.uid!);
      continue;
    }
    if (ownerDeleting || obj.metadata.deletionTimestamp || !matches(selector, obj.metadata.labels)) continue;
    if (obj.metadata.namespace !== owner.metadata.namespace) continue;
    const fresh = req.current();
    if (!fresh || fresh.metadata.uid !== owner.metadata.uid || fresh.metadata.deletionTimestamp) continue;
    const adopted = await adopt(req.client, obj, owner);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

async function adopt(client: Client, obj: KubeObject, owner: KubeObject): Promise<KubeObject | undefined> {
  const next = { ...obj, metadata: { ...obj.metadata, ownerReferences: [...(obj.metadata.ownerReferences ?? []), newControllerRef(owner)] } };
  try {
    return await client.update(next);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

async function release(client: Client, obj: KubeObject, ownerUid: string): Promise<void> {
  const refs = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
  const meta: KubeObject['metadata'] = { ...obj.metadata, ownerReferences: refs };
  if (!refs.length) delete meta.ownerReferences;
  try {
    await client.update({ ...obj, metadata: meta });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
