import type { KubeObject } from '../../../../api/types.js';

/**
 * The pipeline calls `validate` on creates and updates alike; upstream validates some things
 * only on create. Objects passed through prepareForCreate are remembered here so validate can
 * tell which it is looking at.
 */
const creating = new WeakSet<KubeObject>();

export function markCreate(obj: KubeObject): void {
  creating.add(obj);
}

export function isCreate(obj: KubeObject): boolean {
  return creating.has(obj);
}
