import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../api/types.js';
import { rfc3339 } from '../util/clock.js';
import { canonicalJson } from '../util/canonical-json.js';

export { canonicalJson };

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

/** Upstream's generateName suffix: five characters that never spell words. */
export function generatedName(base: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += NAME_CHARS[Math.floor(Math.random() * NAME_CHARS.length)];
  const maxBase = 63 - 5;
  return (base.length > maxBase ? base.slice(0, maxBase) : base) + suffix;
}

/** Stamps what the server owns on a new object. */
export function initObjectMeta(obj: KubeObject, now: number, withGeneration: boolean): void {
  const m = obj.metadata;
  if (!m.name && m.generateName) m.name = generatedName(m.generateName);
  m.uid = randomUUID();
  m.creationTimestamp = rfc3339(now);
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.resourceVersion;
  if (withGeneration) m.generation = 1;
  else delete m.generation;
}

/** Everything outside metadata and status: what a generation counts. */
export function specPart(obj: KubeObject): string {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return canonicalJson(rest);
}

/** Bumps metadata.generation when the spec changed; call after defaults so omitted defaults don't count. */
export function nextGeneration(obj: KubeObject, old: KubeObject, withGeneration: boolean): void {
  if (withGeneration) obj.metadata.generation = (old.metadata.generation ?? 1) + (specPart(obj) !== specPart(old) ? 1 : 0);
  else if (old.metadata.generation !== undefined) obj.metadata.generation = old.metadata.generation;
  else delete obj.metadata.generation;
}

/** Carries server-owned metadata from the stored object into an update. */
export function carryObjectMeta(obj: KubeObject, old: KubeObject, withGeneration: boolean): void {
  const m = obj.metadata;
  const o = old.metadata;
  if (!m.uid) m.uid = o.uid;
  m.creationTimestamp = o.creationTimestamp;
  if (o.deletionTimestamp) m.deletionTimestamp = o.deletionTimestamp;
  else delete m.deletionTimestamp;
  if (o.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = o.deletionGracePeriodSeconds;
  else delete m.deletionGracePeriodSeconds;
  if (!m.name) m.name = o.name;
  nextGeneration(obj, old, withGeneration);
}

/** An object for "did anything change" checks: no resourceVersion, no managedFields times. */
export function comparable(obj: KubeObject): string {
  const metadata = { ...obj.metadata };
  delete metadata.resourceVersion;
  if (metadata.managedFields) metadata.managedFields = metadata.managedFields.map(({ time: _t, ...rest }) => rest);
  return canonicalJson({ ...obj, metadata });
}
