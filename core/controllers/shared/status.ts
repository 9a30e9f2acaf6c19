import type { KubeObject } from '../../api/types.js';
import type { Client } from '../../client/index.js';
import { canonicalJson } from './hash.js';

/** Writes `status` through the status subresource unless it already is the object's status. */
export async function writeStatus(client: Client, obj: KubeObject, status: Record<string, unknown>): Promise<KubeObject> {
  if (canonicalJson(obj.status ?? {}) === canonicalJson(status)) return obj;
  return client.updateStatus({ ...obj, status });
}

/** Drops keys whose value is undefined, so a status compares equal to what the server stores. */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  const out = {} as T;
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
