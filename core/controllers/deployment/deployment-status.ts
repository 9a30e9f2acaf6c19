import type { KubeObject } from '../../api/types.js';
import { getCondition, newCondition, removeCondition, setCondition, type Condition } from '../shared/conditions.js';
import { compact } from '../shared/status.js';
import { deploymentComplete, maxUnavailable, sumSpecReplicas, sumStatus, type DeploymentSpec } from './deployment-util.js';

export const REASON = {
  replicaSetUpdated: 'ReplicaSetUpdated',
  failedRSCreate: 'ReplicaSetCreateError',
  newReplicaSetCreated: 'NewReplicaSetCreated',
  foundNewReplicaSet: 'FoundNewReplicaSet',
  newRSAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  minimumReplicasAvailable: 'MinimumReplicasAvailable',
  minimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

export function deploymentCondition(type: string, status: Condition['status'], reason: string, message: string, now: number): Condition {
  return newCondition(type, status, reason, message, now, true);
}

/** Upstream's calculateStatus: counts summed over the ReplicaSets, and the Available condition. */
export function calculateStatus(d: KubeObject, spec: DeploymentSpec, all: KubeObject[], newRS: KubeObject | undefined, now: number): Record<string, any> {
  const available = sumStatus(all, 'availableReplicas');
  const unavailable = Math.max(0, sumSpecReplicas(all) - available);
  let conditions: Condition[] = [...(d.status?.conditions ?? [])];
  if (available >= spec.replicas - maxUnavailable(spec)) {
    conditions = setCondition(conditions, deploymentCondition('Available', 'True', REASON.minimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    conditions = setCondition(conditions, deploymentCondition('Available', 'False', REASON.minimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return compact({
    observedGeneration: d.metadata.generation,
    replicas: sumStatus(all, 'replicas') || undefined,
    updatedReplicas: (newRS ? (newRS.status?.replicas ?? 0) : 0) || undefined,
    readyReplicas: sumStatus(all, 'readyReplicas') || undefined,
    availableReplicas: available || undefined,
    unavailableReplicas: unavailable || undefined,
    conditions,
    collisionCount: d.status?.collisionCount,
  });
}

/** Upstream's DeploymentProgressing: more updated, fewer old, more ready or more available than last time. */
function progressing(d: KubeObject, next: Record<string, any>): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

function timedOut(d: KubeObject, spec: DeploymentSpec, now: number): boolean {
  if (spec.progressDeadlineSeconds === undefined) return false;
  const c = getCondition(d.status?.conditions, 'Progressing');
  if (!c || c.reason === REASON.newRSAvailable) return false;
  if (c.reason === REASON.timedOut) return true;
  const from = Date.parse(c.lastUpdateTime ?? '');
  return !Number.isNaN(from) && from + spec.progressDeadlineSeconds * 1000 < now;
}

/**
 * Upstream's syncRolloutStatus: the Progressing condition moves to ReplicaSetUpdated while the
 * rollout advances (only lastUpdateTime changes), to NewReplicaSetAvailable when it completes,
 * and to ProgressDeadlineExceeded when nothing moved for progressDeadlineSeconds. ReplicaFailure
 * is copied up from the ReplicaSets.
 */
export function rolloutStatus(d: KubeObject, spec: DeploymentSpec, all: KubeObject[], newRS: KubeObject | undefined, now: number): Record<string, any> {
  const next = calculateStatus(d, spec, all, newRS, now);
  let conditions: Condition[] = next.conditions;
  if (spec.progressDeadlineSeconds === undefined) conditions = removeCondition(conditions, 'Progressing');
  const current = getCondition(d.status?.conditions, 'Progressing');
  const complete = next.replicas === next.updatedReplicas && current?.reason === REASON.newRSAvailable;
  if (spec.progressDeadlineSeconds !== undefined && !complete) {
    if (deploymentComplete(d, spec, next)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      conditions = setCondition(conditions, deploymentCondition('Progressing', 'True', REASON.newRSAvailable, msg, now));
    } else if (progressing(d, next)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const c = deploymentCondition('Progressing', 'True', REASON.replicaSetUpdated, msg, now);
      if (current?.status === 'True' && current.lastTransitionTime) c.lastTransitionTime = current.lastTransitionTime;
      conditions = [...removeCondition(conditions, 'Progressing'), c];
    } else if (timedOut(d, spec, now)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      conditions = setCondition(conditions, deploymentCondition('Progressing', 'False', REASON.timedOut, msg, now));
    }
  }
  const failure = all.map((rs) => getCondition(rs.status?.conditions, 'ReplicaFailure')).find((c) => c?.status === 'True');
  if (failure) {
    conditions = setCondition(conditions, { type: 'ReplicaFailure', status: failure.status, lastUpdateTime: failure.lastTransitionTime, lastTransitionTime: failure.lastTransitionTime, reason: failure.reason, message: failure.message });
  } else conditions = removeCondition(conditions, 'ReplicaFailure');
  return { ...next, conditions };
}

/** When to look again so a stuck rollout is reported as timed out without any other event. */
export function stuckRequeueMs(d: KubeObject, spec: DeploymentSpec, next: Record<string, any>, now: number): number | undefined {
  const c = getCondition(d.status?.conditions, 'Progressing');
  if (spec.progressDeadlineSeconds === undefined || !c) return undefined;
  if (deploymentComplete(d, spec, next) || c.reason === REASON.timedOut) return undefined;
  const after = Date.parse(c.lastUpdateTime ?? '') + spec.progressDeadlineSeconds * 1000 - now;
  if (Number.isNaN(after)) return undefined;
  return after < 1000 ? 1000 : after + 1000;
}
