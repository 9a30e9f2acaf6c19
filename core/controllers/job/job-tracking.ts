import type { KubeObject } from '../../api/types.js';
import { isNotFound, type Client } from '../../client/index.js';
import { podIndex } from './indexes.js';
import { matchPodFailurePolicy, type PolicyMatch } from './pod-failure-policy.js';
import { TRACKING_FINALIZER } from './job-pods.js';
import type { JobSpec } from './job-spec.js';

export const hasFinalizer = (p: KubeObject) => (p.metadata.finalizers ?? []).includes(TRACKING_FINALIZER);

export interface Uncounted {
  succeeded: string[];
  failed: string[];
}

export interface Classified {
  /** Finished pods whose finalizer can go, counted or not. */
  release: KubeObject[];
  newSucceeded: string[];
  newFailed: string[];
  /** Completion index of every succeeded pod being counted, by uid. */
  indexOf: Map<string, number>;
  /** A FailJob rule matched. */
  failJob?: PolicyMatch;
}

/**
 * Finds the pods that finished since the last sync and still carry the tracking finalizer, as
 * upstream's trackJobStatusWithFinalizers does. A terminating pod, or any pod of a finishing Job,
 * counts as failed (unless the policy waits for real failures); Indexed Jobs count one success
 * per valid index; podFailurePolicy may ignore a failure or fail the Job.
 */
export function classifyFinished(job: KubeObject, spec: JobSpec, pods: KubeObject[], uncounted: Uncounted, completed: Set<number>, finishing: boolean): Classified {
  const out: Classified = { release: [], newSucceeded: [], newFailed: [], indexOf: new Map() };
  const known = new Set([...uncounted.succeeded, ...uncounted.failed]);
  const pendingIndexes = new Set<number>();
  for (const p of pods) {
    if (uncounted.succeeded.includes(p.metadata.uid!)) {
      const i = podIndex(p);
      if (i !== undefined) pendingIndexes.add(i);
    }
  }
  for (const p of pods) {
    if (!hasFinalizer(p)) continue;
    const phase = p.status?.phase;
    const succeeded = phase === 'Succeeded';
    const failed = phase === 'Failed' || (!succeeded && (finishing || (!!p.metadata.deletionTimestamp && !spec.onlyReplaceFailed)));
    if (!succeeded && !failed) continue;
    out.release.push(p);
    const uid = p.metadata.uid!;
    if (known.has(uid)) continue;
    if (succeeded) {
      if (spec.indexed) {
        const i = podIndex(p);
        if (i === undefined || i >= (spec.completions ?? 0) || completed.has(i) || pendingIndexes.has(i)) continue;
        pendingIndexes.add(i);
        out.indexOf.set(uid, i);
      }
      out.newSucceeded.push(uid);
      continue;
    }
    const match = phase === 'Failed' && spec.hasFailurePolicy ? matchPodFailurePolicy(job, p) : undefined;
    if (match?.action === 'Ignore') continue;
    if (match?.action === 'FailJob' && !out.failJob) out.failJob = match;
    out.newFailed.push(uid);
  }
  return out;
}

export async function removeFinalizer(client: Client, pod: KubeObject): Promise<void> {
  const finalizers = (pod.metadata.finalizers ?? []).filter((f) => f !== TRACKING_FINALIZER);
  const meta: KubeObject['metadata'] = { ...pod.metadata, finalizers };
  if (!finalizers.length) delete meta.finalizers;
  try {
    await client.update({ ...pod, metadata: meta });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

/** When the pod finished, for back-off: the latest container finish, else now. */
export function finishedAt(pod: KubeObject | undefined, now: number): number {
  let latest = 0;
  for (const s of pod?.status?.containerStatuses ?? []) {
    const t = Date.parse(s.state?.terminated?.finishedAt ?? '');
    if (!Number.isNaN(t) && t > latest) latest = t;
  }
  return latest || now;
}

/** Restarts across a pod's containers, which count against backoffLimit under restartPolicy OnFailure. */
export function podRestarts(pod: KubeObject): number {
  let n = 0;
  for (const s of [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])]) n += s.restartCount ?? 0;
  return n;
}
