import type { KubeObject } from '../../../../api/types.js';
import { semanticEqual } from './field.js';

/**
 * Recounts metadata.generation after defaulting: a client that omits defaulted fields has not
 * changed the spec, and key order is not a change either.
 */
export function recountGeneration(obj: KubeObject, old: KubeObject, alsoAnnotations = false): void {
  const spec = ({ metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest }: KubeObject) => rest;
  const changed = !semanticEqual(spec(obj), spec(old)) || (alsoAnnotations && !semanticEqual(obj.metadata.annotations, old.metadata.annotations));
  obj.metadata.generation = (old.metadata.generation ?? 1) + (changed ? 1 : 0);
}
