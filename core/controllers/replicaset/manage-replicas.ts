import type { KubeObject } from '../../api/types.js';
import { isNotFound, objectKey, type Client, type EventRecorder } from '../../client/index.js';
import type { Expectations } from '../shared/expectations.js';
import { podFromTemplate, slowStartBatch } from '../shared/pod-template.js';
import { podsToDelete } from '../shared/pod-ranking.js';

/** Upstream's burstReplicas: at most this many creates or deletes per sync. */
export const BURST_REPLICAS = 500;

export interface ManageDeps {
  client: Client;
  recorder: EventRecorder;
  expectations: Expectations;
}

/**
 * Creates or deletes pods so that `pods` (the owner's active pods) reaches spec.replicas.
 * Expectations are raised before the writes so a concurrent sync waits for the cache.
 * Returns the first error, after recording it as an event.
 */
export async function manageReplicas(deps: ManageDeps, owner: KubeObject, pods: KubeObject[], related: KubeObject[]): Promise<Error | undefined> {
  const key = objectKey(owner);
  const desired = owner.spec?.replicas ?? 1;
  const diff = pods.length - desired;
  if (diff < 0) {
    const count = Math.min(-diff, BURST_REPLICAS);
    deps.expectations.expectCreations(key, count);
    const { successes, error } = await slowStartBatch(count, 1, async () => {
      try {
        const pod = await deps.client.create(podFromTemplate(owner.spec?.template, owner));
        deps.recorder.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
      } catch (err) {
        deps.expectations.lowerCreations(key);
        deps.recorder.event(owner, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`);
        throw err;
      }
    });
    // Creations never attempted after a failed batch will never be observed either.
    const attempted = successes + (error ? 1 : 0);
    if (count > attempted) deps.expectations.lowerCreations(key, count - attempted);
    return error as Error | undefined;
  }
  if (diff > 0) {
    const victims = podsToDelete(pods, related, Math.min(diff, BURST_REPLICAS));
    deps.expectations.expectDeletions(
      key,
      victims.map((p) => objectKey(p)),
    );
    const results = await Promise.allSettled(
      victims.map(async (p) => {
        try {
          await deps.client.delete('v1', 'Pod', p.metadata.namespace, p.metadata.name!, { preconditions: { uid: p.metadata.uid } });
          deps.recorder.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
        } catch (err) {
          deps.expectations.deletionObserved(key, objectKey(p));
          if (isNotFound(err)) return;
          deps.recorder.event(owner, 'Warning', 'FailedDelete', `Error deleting: ${(err as Error).message}`);
          throw err;
        }
      }),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    return failed?.reason as Error | undefined;
  }
  return undefined;
}
