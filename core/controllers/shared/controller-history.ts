import type { KubeObject } from '../../api/types.js';
import { isAlreadyExists, isNotFound, type Client } from '../../client/index.js';
import { canonicalJson } from './hash.js';
import { newControllerRef } from './owner-refs.js';

export const REVISION_HASH_LABEL = 'controller-revision-hash';

/** What StatefulSets and DaemonSets store in a ControllerRevision: a patch that replaces the template. */
export function templatePatch(template: unknown): Record<string, unknown> {
  return { spec: { template: { ...(structuredClone(template ?? {}) as object), $patch: 'replace' } } };
}

/** The pod template a ControllerRevision holds. */
export function templateOf(revision: KubeObject): any {
  const t = structuredClone(revision.data?.spec?.template ?? {});
  delete t.$patch;
  return t;
}

export function sameData(a: KubeObject, b: { data?: unknown; [k: string]: unknown }): boolean {
  return canonicalJson(a.data ?? {}) === canonicalJson(b.data ?? {});
}

export const byRevisionNumber = (a: KubeObject, b: KubeObject) => (a.revision ?? 0) - (b.revision ?? 0) || (a.metadata.name! < b.metadata.name! ? -1 : 1);

export function nextRevisionNumber(revisions: KubeObject[]): number {
  return revisions.reduce((m, r) => Math.max(m, r.revision ?? 0), 0) + 1;
}

export class RevisionCollision extends Error {}

/**
 * Creates the revision, or returns the existing one of that name when it holds the same data.
 * A different object under the name is a hash collision: the caller bumps collisionCount.
 */
export async function createRevision(client: Client, owner: KubeObject, name: string, labels: Record<string, string>, data: unknown, revision: number, annotations?: Record<string, string>): Promise<KubeObject> {
  const cr: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name, namespace: owner.metadata.namespace, labels, ownerReferences: [newControllerRef(owner)], ...(annotations && Object.keys(annotations).length ? { annotations } : {}) },
    data,
    revision,
  };
  try {
    return await client.create(cr);
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
    const existing = client.find('apps/v1', 'ControllerRevision', owner.metadata.namespace, name);
    if (existing && sameData(existing, cr) && existing.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid)) return existing;
    throw new RevisionCollision(`controller revision ${name} already exists with different content`);
  }
}

/** Gives an old revision the newest number again (a rollback to it). */
export async function bumpRevision(client: Client, cr: KubeObject, revision: number): Promise<KubeObject> {
  if (cr.revision === revision) return cr;
  return client.update({ ...cr, revision });
}

/** Deletes the oldest revisions no pod or status uses, keeping `limit` of them. */
export async function truncateHistory(client: Client, revisions: KubeObject[], live: Set<string>, limit: number): Promise<void> {
  const dead = revisions.filter((r) => !live.has(r.metadata.name!)).sort(byRevisionNumber);
  for (const r of dead.slice(0, Math.max(0, dead.length - limit))) {
    try {
      await client.delete('apps/v1', 'ControllerRevision', r.metadata.namespace, r.metadata.name!);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
