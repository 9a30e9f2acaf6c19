import { badRequest, invalid } from '../api/errors.js';
import { formatLabelSelector, selectorFromObject } from '../api/labels.js';
import type { KubeObject } from '../api/types.js';
import { cloneJson } from '../util/freeze.js';
import type { ResourceDescriptor } from './descriptor.js';

function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.replace(/^\./, '').split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.replace(/^\./, '').split('.');
  let cur = obj;
  for (const part of parts.slice(0, -1)) {
    if (typeof cur[part] !== 'object' || cur[part] === null) cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts.at(-1)!] = value;
}

/** The autoscaling/v1 Scale view of an object with a scale subresource. */
export function readScale(d: ResourceDescriptor, obj: KubeObject): KubeObject {
  const spec = d.subresources!.scale!;
  const rawSelector = spec.labelSelectorPath ? getPath(obj, spec.labelSelectorPath) : undefined;
  let selector: string | undefined;
  if (typeof rawSelector === 'string') selector = rawSelector;
  else if (rawSelector && typeof rawSelector === 'object') {
    const parsed = selectorFromObject(rawSelector as never);
    selector = parsed ? formatLabelSelector(parsed) : undefined;
  }
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      ...(m.namespace ? { namespace: m.namespace } : {}),
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: (getPath(obj, spec.specReplicasPath) as number | undefined) ?? 0 },
    status: { replicas: (getPath(obj, spec.statusReplicasPath) as number | undefined) ?? 0, ...(selector ? { selector } : {}) },
  };
}

/** Applies a written Scale to the parent object. */
export function writeScale(d: ResourceDescriptor, parent: KubeObject, scale: KubeObject): KubeObject {
  if (!scale || typeof scale !== 'object') throw badRequest('the body must be a Scale object');
  if (scale.kind && scale.kind !== 'Scale') throw badRequest(`the kind in the data (${scale.kind}) does not match the expected kind (Scale)`);
  const replicas = scale.spec?.replicas;
  if (replicas !== undefined && (!Number.isInteger(replicas) || replicas < 0))
    throw invalid('Scale', 'autoscaling', parent.metadata.name ?? '', [
      { type: 'FieldValueInvalid', field: 'spec.replicas', value: replicas, detail: 'must be greater than or equal to 0' },
    ]);
  const next = cloneJson(parent);
  setPath(next as Record<string, unknown>, d.subresources!.scale!.specReplicasPath, replicas ?? 0);
  if (scale.metadata?.resourceVersion) next.metadata.resourceVersion = scale.metadata.resourceVersion;
  return next;
}
