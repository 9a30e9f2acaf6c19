import type { KubeObject } from '../../api/types.js';
import { canonicalJson } from '../shared/hash.js';
import { creationMs } from '../shared/pod-state.js';
import { scaledValue } from '../shared/int-or-percent.js';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH = 'pod-template-hash';
const MAX_REVISION_HISTORY_CHARS = 2000;

/** Annotations the deployment keeps to itself rather than copying onto its ReplicaSets. */
const NOT_COPIED = new Set(['kubectl.kubernetes.io/last-applied-configuration', REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, 'deprecated.deployment.rollback.to']);

/** The deployment spec with the API's defaults filled in, whatever the server stored. */
export interface DeploymentSpec {
  replicas: number;
  minReadySeconds: number;
  revisionHistoryLimit: number;
  progressDeadlineSeconds?: number;
  paused: boolean;
  strategy: { type: 'RollingUpdate' | 'Recreate'; maxSurge: number | string; maxUnavailable: number | string };
  selector: any;
  template: any;
}

const MAX_INT32 = 2147483647;

export function specOf(d: KubeObject): DeploymentSpec {
  const s = d.spec ?? {};
  const type = s.strategy?.type === 'Recreate' ? 'Recreate' : 'RollingUpdate';
  return {
    replicas: s.replicas ?? 1,
    minReadySeconds: s.minReadySeconds ?? 0,
    revisionHistoryLimit: s.revisionHistoryLimit ?? 10,
    progressDeadlineSeconds: s.progressDeadlineSeconds === MAX_INT32 ? undefined : (s.progressDeadlineSeconds ?? 600),
    paused: !!s.paused,
    strategy: { type, maxSurge: s.strategy?.rollingUpdate?.maxSurge ?? '25%', maxUnavailable: s.strategy?.rollingUpdate?.maxUnavailable ?? '25%' },
    selector: s.selector,
    template: s.template,
  };
}

/** Upstream's ResolveFenceposts: surge rounds up, unavailability down, and both cannot be zero. */
export function fenceposts(spec: DeploymentSpec): { surge: number; unavailable: number } {
  const surge = scaledValue(spec.strategy.maxSurge, spec.replicas, true);
  let unavailable = scaledValue(spec.strategy.maxUnavailable, spec.replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(spec: DeploymentSpec): number {
  return spec.strategy.type === 'RollingUpdate' ? fenceposts(spec).surge : 0;
}

export function maxUnavailable(spec: DeploymentSpec): number {
  if (spec.strategy.type !== 'RollingUpdate' || spec.replicas === 0) return 0;
  return Math.min(fenceposts(spec).unavailable, spec.replicas);
}

export const replicasOf = (rs: KubeObject): number => rs.spec?.replicas ?? 1;
export const sumSpecReplicas = (list: Array<KubeObject | undefined>) => list.reduce((n, rs) => n + (rs ? replicasOf(rs) : 0), 0);
export const sumStatus = (list: Array<KubeObject | undefined>, field: string) => list.reduce((n, rs) => n + (rs?.status?.[field] ?? 0), 0);
export const activeReplicaSets = (list: Array<KubeObject | undefined>): KubeObject[] => list.filter((rs): rs is KubeObject => !!rs && replicasOf(rs) > 0);

export function revisionOf(obj: KubeObject | undefined): number {
  const v = obj?.metadata.annotations?.[REVISION];
  if (v === undefined) return 0;
  const n = Number(v);
  return Number.isInteger(n) ? n : NaN;
}

export function maxRevision(list: KubeObject[]): number {
  let max = 0;
  for (const rs of list) {
    const r = revisionOf(rs);
    if (!Number.isNaN(r) && r > max) max = r;
  }
  return max;
}

export const byCreation = (a: KubeObject, b: KubeObject) => creationMs(a) - creationMs(b) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
export const byRevision = (a: KubeObject, b: KubeObject) => revisionOf(a) - revisionOf(b) || byCreation(a, b);
/** Larger first; equal sizes newer first (scaling up). */
export const bySizeNewer = (a: KubeObject, b: KubeObject) => replicasOf(b) - replicasOf(a) || byCreation(b, a);
/** Larger first; equal sizes older first (scaling down). */
export const bySizeOlder = (a: KubeObject, b: KubeObject) => replicasOf(b) - replicasOf(a) || byCreation(a, b);

/** Semantic equality: empty and missing maps and lists are the same thing. */
function normalise(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(normalise) : undefined;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const n = normalise(x);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}

/** Upstream's EqualIgnoreHash: templates equal apart from the pod-template-hash label. */
export function equalIgnoreHash(a: any, b: any): boolean {
  const strip = (t: any) => {
    const c = structuredClone(t ?? {});
    if (c.metadata?.labels) delete c.metadata.labels[POD_TEMPLATE_HASH];
    return canonicalJson(normalise(c) ?? {});
  };
  return strip(a) === strip(b);
}

/** The oldest ReplicaSet whose template matches the deployment's, as upstream's FindNewReplicaSet. */
export function findNewReplicaSet(d: KubeObject, list: KubeObject[]): KubeObject | undefined {
  return [...list].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

export function setReplicasAnnotations(annotations: Record<string, string>, desired: number, max: number): boolean {
  let changed = false;
  if (annotations[DESIRED_REPLICAS] !== String(desired)) {
    annotations[DESIRED_REPLICAS] = String(desired);
    changed = true;
  }
  if (annotations[MAX_REPLICAS] !== String(max)) {
    annotations[MAX_REPLICAS] = String(max);
    changed = true;
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: KubeObject, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[DESIRED_REPLICAS] !== String(desired) || a[MAX_REPLICAS] !== String(max);
}

/**
 * Upstream's SetNewReplicaSetAnnotations: copy the deployment's own annotations, raise the
 * revision (keeping the old one in revision-history when an old ReplicaSet is brought back),
 * and stamp desired/max replicas on a ReplicaSet about to be created.
 */
export function setNewReplicaSetAnnotations(d: KubeObject, spec: DeploymentSpec, annotations: Record<string, string>, newRevision: number, exists: boolean): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (NOT_COPIED.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  const had = annotations[REVISION];
  const oldRevision = had === undefined ? 0 : Number(had);
  if (had !== undefined && !Number.isInteger(oldRevision)) return changed;
  if (oldRevision < newRevision) {
    annotations[REVISION] = String(newRevision);
    changed = true;
    if (had !== undefined) {
      const history = annotations[REVISION_HISTORY] ? annotations[REVISION_HISTORY].split(',') : [];
      history.push(had);
      while (history.length > 1 && history.join(',').length > MAX_REVISION_HISTORY_CHARS) history.shift();
      annotations[REVISION_HISTORY] = history.join(',');
    }
  }
  if (!exists && setReplicasAnnotations(annotations, spec.replicas, spec.replicas + maxSurge(spec))) changed = true;
  return changed;
}

/** Upstream's NewRSNewReplicas: how far the new ReplicaSet may grow now. */
export function newRSNewReplicas(spec: DeploymentSpec, all: KubeObject[], newRS: KubeObject): number {
  if (spec.strategy.type === 'Recreate') return spec.replicas;
  const current = sumSpecReplicas(all);
  const maxTotal = spec.replicas + maxSurge(spec);
  if (current >= maxTotal) return replicasOf(newRS);
  const up = Math.min(maxTotal - current, spec.replicas - replicasOf(newRS));
  return replicasOf(newRS) + up;
}

/** Upstream's IsSaturated: the new ReplicaSet runs every replica and all are available. */
export function isSaturated(spec: DeploymentSpec, rs: KubeObject | undefined): boolean {
  if (!rs) return false;
  const desired = Number(rs.metadata.annotations?.[DESIRED_REPLICAS]);
  return replicasOf(rs) === spec.replicas && desired === spec.replicas && (rs.status?.availableReplicas ?? 0) === spec.replicas;
}

/** Upstream's DeploymentComplete: every replica updated and available, and the latest spec observed. */
export function deploymentComplete(d: KubeObject, spec: DeploymentSpec, status: any): boolean {
  return (
    (status.updatedReplicas ?? 0) === spec.replicas &&
    (status.replicas ?? 0) === spec.replicas &&
    (status.availableReplicas ?? 0) === spec.replicas &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}
