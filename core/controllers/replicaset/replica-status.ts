import type { KubeObject } from '../../api/types.js';
import { getCondition, newCondition, removeCondition, setCondition, type Condition } from '../shared/conditions.js';
import { isPodAvailable, isPodReady } from '../shared/pod-state.js';
import { compact } from '../shared/status.js';

export interface ReplicaStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
  [k: string]: unknown;
}

function fullyLabeled(pod: KubeObject, templateLabels: Record<string, string>): boolean {
  const labels = pod.metadata.labels ?? {};
  return Object.entries(templateLabels).every(([k, v]) => labels[k] === v);
}

/**
 * Upstream's calculateStatus for ReplicaSets and ReplicationControllers. Zero counts are left out
 * as the API's omitempty leaves them out. A failed create or delete becomes ReplicaFailure.
 */
export function replicaStatus(owner: KubeObject, pods: KubeObject[], manageError: unknown, now: number): ReplicaStatus {
  const templateLabels = owner.spec?.template?.metadata?.labels ?? {};
  const minReady = owner.spec?.minReadySeconds ?? 0;
  const desired = owner.spec?.replicas ?? 1;
  let labeled = 0;
  let ready = 0;
  let available = 0;
  for (const p of pods) {
    if (fullyLabeled(p, templateLabels)) labeled++;
    if (isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, minReady, now)) available++;
    }
  }
  let conditions: Condition[] = [...(owner.status?.conditions ?? [])];
  const failure = getCondition(conditions, 'ReplicaFailure');
  if (manageError && !failure) {
    const diff = pods.length - desired;
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions = setCondition(conditions, newCondition('ReplicaFailure', 'True', reason, String((manageError as Error).message ?? manageError), now));
  } else if (!manageError && failure) conditions = removeCondition(conditions, 'ReplicaFailure');
  return compact({
    replicas: pods.length,
    fullyLabeledReplicas: labeled || undefined,
    readyReplicas: ready || undefined,
    availableReplicas: available || undefined,
    observedGeneration: owner.metadata.generation,
    conditions: conditions.length ? conditions : undefined,
  });
}
