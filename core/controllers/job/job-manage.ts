import type { KubeObject } from '../../api/types.js';
import { isNotFound, objectKey, type Client, type EventRecorder } from '../../client/index.js';
import type { Expectations } from '../shared/expectations.js';
import { slowStartBatch } from '../shared/pod-template.js';
import { compareForDeletion } from '../shared/pod-ranking.js';
import { firstPendingIndexes, podIndex } from './indexes.js';
import { jobPod } from './job-pods.js';
import type { JobSpec } from './job-spec.js';

const MAX_PER_SYNC = 500;

export interface ManageDeps {
  client: Client;
  recorder: EventRecorder;
  expectations: Expectations;
}

export async function deletePods(deps: ManageDeps, job: KubeObject, pods: KubeObject[]): Promise<number> {
  if (!pods.length) return 0;
  const key = objectKey(job);
  deps.expectations.expectDeletions(
    key,
    pods.map((p) => objectKey(p)),
  );
  let deleted = 0;
  let firstError: unknown;
  await Promise.all(
    pods.map(async (p) => {
      try {
        await deps.client.delete('v1', 'Pod', p.metadata.namespace, p.metadata.name!, { preconditions: { uid: p.metadata.uid } });
        deleted++;
        deps.recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
      } catch (err) {
        deps.expectations.deletionObserved(key, objectKey(p));
        if (isNotFound(err)) return;
        firstError ??= err;
        deps.recorder.event(job, 'Warning', 'FailedDelete', `Error deleting: ${(err as Error).message}`);
      }
    }),
  );
  if (firstError) throw firstError;
  return deleted;
}

/** Indexed Jobs drop pods with an index out of range or held twice before anything else. */
function surplusIndexed(active: KubeObject[], completions: number, completed: Set<number>): KubeObject[] {
  const seen = new Set<number>();
  const out: KubeObject[] = [];
  for (const p of [...active].sort((a, b) => compareForDeletion(b, a, 0, 0))) {
    const i = podIndex(p);
    if (i === undefined || i >= completions || completed.has(i) || seen.has(i)) out.push(p);
    else seen.add(i);
  }
  return out;
}

/**
 * Upstream's manageJob: as many active pods as parallelism and the remaining completions allow;
 * none while suspended; replacements only after the failure back-off. Returns how long to wait
 * before creating more, when back-off holds them.
 */
export async function manageJob(deps: ManageDeps, job: KubeObject, spec: JobSpec, active: KubeObject[], terminating: number, succeeded: number, completed: Set<number>, backoffMs: number): Promise<number | undefined> {
  if (spec.suspend) {
    await deletePods(deps, job, active);
    return undefined;
  }
  let want: number;
  if (spec.completions === undefined) want = succeeded > 0 ? active.length : spec.parallelism;
  else want = Math.max(0, Math.min(spec.parallelism, spec.completions - (spec.indexed ? completed.size : succeeded)));
  let current = active;
  if (spec.indexed && spec.completions !== undefined) {
    const surplus = surplusIndexed(active, spec.completions, completed);
    if (surplus.length) {
      await deletePods(deps, job, surplus);
      current = active.filter((p) => !surplus.includes(p));
    }
  }
  if (current.length > want) {
    const ranked = [...current].sort((a, b) => compareForDeletion(a, b, 0, 0));
    await deletePods(deps, job, ranked.slice(0, Math.min(MAX_PER_SYNC, current.length - want)));
    return undefined;
  }
  let diff = want - current.length - (spec.onlyReplaceFailed ? terminating : 0);
  if (diff <= 0) return undefined;
  if (backoffMs > 0) return backoffMs;
  diff = Math.min(diff, MAX_PER_SYNC);
  let indexes: Array<number | undefined> = Array.from({ length: diff }, () => undefined);
  if (spec.indexed) indexes = firstPendingIndexes(diff, spec.completions ?? 0, completed, current);
  if (!indexes.length) return undefined;
  const key = objectKey(job);
  deps.expectations.expectCreations(key, indexes.length);
  const { successes, error } = await slowStartBatch(indexes.length, 1, async (n) => {
    try {
      const pod = await deps.client.create(jobPod(job, indexes[n]));
      deps.recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
    } catch (err) {
      deps.expectations.lowerCreations(key);
      deps.recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`);
      throw err;
    }
  });
  const attempted = successes + (error ? 1 : 0);
  if (indexes.length > attempted) deps.expectations.lowerCreations(key, indexes.length - attempted);
  if (error) throw error;
  return undefined;
}
