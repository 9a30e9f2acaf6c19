import type { KubeObject } from '../../api/types.js';
import { activeReplicaSets, byCreation, bySizeNewer, bySizeOlder, isSaturated, MAX_REPLICAS, maxSurge, replicasAnnotationsNeedUpdate, replicasOf, setReplicasAnnotations, sumSpecReplicas, type DeploymentSpec } from './deployment-util.js';
import type { DeploymentSync } from './sync-context.js';

/** Sets a ReplicaSet's size and its desired/max annotations; records ScalingReplicaSet when the size changed. */
export async function scaleReplicaSet(s: DeploymentSync, rs: KubeObject, newScale: number): Promise<{ scaled: boolean; rs: KubeObject }> {
  const max = s.spec.replicas + maxSurge(s.spec);
  const sizeChanged = replicasOf(rs) !== newScale;
  if (!sizeChanged && !replicasAnnotationsNeedUpdate(rs, s.spec.replicas, max)) return { scaled: false, rs };
  const oldScale = replicasOf(rs);
  const annotations = { ...(rs.metadata.annotations ?? {}) };
  setReplicasAnnotations(annotations, s.spec.replicas, max);
  const updated = await s.deps.client.update({ ...rs, metadata: { ...rs.metadata, annotations }, spec: { ...rs.spec, replicas: newScale } });
  if (sizeChanged) s.event('Normal', 'ScalingReplicaSet', `Scaled ${oldScale < newScale ? 'up' : 'down'} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
  return { scaled: sizeChanged, rs: updated };
}

/** Upstream's scaleReplicaSetAndRecordEvent: nothing to do when the size is already right. */
export async function scaleTo(s: DeploymentSync, rs: KubeObject, newScale: number): Promise<{ scaled: boolean; rs: KubeObject }> {
  if (replicasOf(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(s, rs, newScale);
}

/** Upstream's FindActiveOrLatest: the one ReplicaSet with pods, or the newest when none has any. */
function activeOrLatest(newRS: KubeObject | undefined, oldRSs: KubeObject[]): KubeObject | undefined {
  if (!newRS && !oldRSs.length) return undefined;
  const sorted = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets([...sorted, newRS]);
  if (active.length === 0) return newRS ?? sorted[0];
  if (active.length === 1) return active[0];
  return undefined;
}

function annotatedMax(rs: KubeObject): number | undefined {
  const v = Number(rs.metadata.annotations?.[MAX_REPLICAS]);
  return Number.isInteger(v) ? v : undefined;
}

/** Upstream's GetReplicaSetProportion: a ReplicaSet's share of the replicas being added or removed. */
function proportion(rs: KubeObject, spec: DeploymentSpec, statusReplicas: number, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (spec.replicas === 0) fraction = -replicasOf(rs);
  else {
    const max = spec.replicas + maxSurge(spec);
    const before = annotatedMax(rs) || statusReplicas;
    fraction = before ? Math.round((replicasOf(rs) * max) / before) - replicasOf(rs) : 0;
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * Upstream's scale: a plain resize when one ReplicaSet is active; otherwise, during a rolling
 * update, spread the change over the active ReplicaSets in proportion to their size.
 */
export async function scaleDeployment(s: DeploymentSync, newRS: KubeObject | undefined, oldRSs: KubeObject[]): Promise<void> {
  const spec = s.spec;
  const one = activeOrLatest(newRS, oldRSs);
  if (one) {
    if (replicasOf(one) !== spec.replicas) await scaleTo(s, one, spec.replicas);
    return;
  }
  if (isSaturated(spec, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) await scaleTo(s, old, 0);
    return;
  }
  if (spec.strategy.type !== 'RollingUpdate') return;
  const all = activeReplicaSets([...oldRSs, newRS]);
  const allowed = spec.replicas > 0 ? spec.replicas + maxSurge(spec) : 0;
  const toAdd = allowed - sumSpecReplicas(all);
  if (toAdd > 0) all.sort(bySizeNewer);
  else if (toAdd < 0) all.sort(bySizeOlder);
  const sizes = new Map<string, number>();
  let added = 0;
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = proportion(rs, spec, s.d.status?.replicas ?? 0, toAdd, added);
      sizes.set(rs.metadata.name!, replicasOf(rs) + p);
      added += p;
    } else sizes.set(rs.metadata.name!, replicasOf(rs));
  }
  for (let i = 0; i < all.length; i++) {
    const rs = all[i];
    if (i === 0 && toAdd !== 0) sizes.set(rs.metadata.name!, Math.max(0, sizes.get(rs.metadata.name!)! + toAdd - added));
    await scaleReplicaSet(s, rs, sizes.get(rs.metadata.name!)!);
  }
}
