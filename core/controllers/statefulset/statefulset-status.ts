import type { KubeObject } from '../../api/types.js';
import { isPodAvailable, isPodReady, podPhase } from '../shared/pod-state.js';
import { compact } from '../shared/status.js';
import { ordinalOf, revisionOfPod, type SetSpec } from './stateful-pod.js';
import type { SetRevisions } from './statefulset-revisions.js';

/**
 * Upstream's status: counts over the set's pods, current and update revisions, and — once every
 * pod runs the update revision and is ready — the update revision becomes the current one.
 */
export function statefulSetStatus(set: KubeObject, spec: SetSpec, revs: SetRevisions, pods: KubeObject[], now: number): Record<string, unknown> {
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let current = 0;
  let updated = 0;
  for (const p of pods) {
    if (ordinalOf(set, p) === undefined) continue;
    replicas++;
    if (podPhase(p) === 'Running' && isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, spec.minReadySeconds, now)) available++;
    }
    if (p.metadata.deletionTimestamp) continue;
    if (revisionOfPod(p) === revs.current.metadata.name) current++;
    if (revisionOfPod(p) === revs.update.metadata.name) updated++;
  }
  let currentRevision = revs.current.metadata.name;
  // A pod deleted for its update may vanish at once here (no grace period yet): never call the
  // rollout done while the set is short of pods.
  if (spec.rolling && updated === replicas && ready === replicas && replicas === spec.replicas) {
    current = updated;
    currentRevision = revs.update.metadata.name;
  }
  return compact({
    observedGeneration: set.metadata.generation,
    replicas,
    readyReplicas: ready || undefined,
    currentReplicas: current || undefined,
    updatedReplicas: updated || undefined,
    availableReplicas: available,
    currentRevision,
    updateRevision: revs.update.metadata.name,
    collisionCount: set.status?.collisionCount ?? 0,
  });
}
