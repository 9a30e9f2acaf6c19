import { isJsonObject, type JsonObject, type SchemaNode } from '../patch/index.js';
import { compareObjects } from './compare.js';
import { difference, type FieldSet } from './field-set.js';
import { goJson } from './path-element.js';
import { toFieldSet } from './to-field-set.js';

// kubectl's road from client-side to server-side apply. Only for the manager
// named "kubectl", as upstream does it: a server-side apply may take over,
// without a conflict, every field the client-side annotation recorded and the
// object still holds; and after an apply the annotation (when the object has
// one) is rewritten to the applied configuration, so a later client-side apply
// diffs against the right thing.

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
export const KUBECTL = 'kubectl';
const ANNOTATIONS_LIMIT = 256 * 1024;

function annotationsOf(obj: JsonObject | undefined): Record<string, unknown> | undefined {
  const meta = obj?.metadata;
  return isJsonObject(meta) && isJsonObject(meta.annotations) ? meta.annotations : undefined;
}

/** Fields the live object's last-applied annotation recorded with the values it still has; undefined when there is no usable annotation. */
export function allowedByLastApplied(live: JsonObject | undefined, apiVersion: string, node: SchemaNode): FieldSet | undefined {
  const text = annotationsOf(live)?.[LAST_APPLIED];
  if (typeof text !== 'string' || !text || !live) return undefined;
  let recorded: unknown;
  try {
    recorded = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isJsonObject(recorded) || recorded.apiVersion !== apiVersion) return undefined;
  try {
    const c = compareObjects(recorded, live, node);
    return difference(difference(difference(toFieldSet(recorded, node), c.modified), c.added), c.removed);
  } catch {
    return undefined;
  }
}

/** Rewrites the annotation of `result` (if it has one) to the applied configuration, dropped when annotations would outgrow their limit. */
export function syncLastApplied(result: JsonObject, applied: JsonObject): void {
  const annotations = annotationsOf(result);
  if (typeof annotations?.[LAST_APPLIED] !== 'string' || !annotations[LAST_APPLIED]) return;
  const recorded = { ...applied };
  const appliedMeta = applied.metadata;
  if (isJsonObject(appliedMeta) && isJsonObject(appliedMeta.annotations)) {
    const { [LAST_APPLIED]: _own, ...rest } = appliedMeta.annotations;
    recorded.metadata = { ...appliedMeta, annotations: rest };
  }
  annotations[LAST_APPLIED] = `${goJson(recorded)}\n`;
  let size = 0;
  for (const [k, v] of Object.entries(annotations)) size += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
  if (size > ANNOTATIONS_LIMIT) delete annotations[LAST_APPLIED];
}
