import type { KubeObject } from '../../api/types.js';
import { objectKey } from '../../client/index.js';
import { rfc3339, type Clock } from '../../util/clock.js';
import type { BackoffStore } from './backoff.js';
import { getCondition, setCondition, type Condition } from '../shared/conditions.js';
import { isPodReady, isPodTerminal } from '../shared/pod-state.js';
import { compact, writeStatus } from '../shared/status.js';
import { formatIndexes, parseIndexes } from './indexes.js';
import { deletePods, manageJob, type ManageDeps } from './job-manage.js';
import { isJobFinished, JOB_REASONS, jobSpecOf, type JobSpec } from './job-spec.js';
import { classifyFinished, finishedAt, hasFinalizer, podRestarts, removeFinalizer, type Uncounted } from './job-tracking.js';

export interface JobDeps extends ManageDeps {
  clock: Clock;
  backoff: BackoffStore;
  /** Completion indexes of succeeded pods waiting in uncountedTerminatedPods, by uid. */
  pendingIndexes: Map<string, number>;
  /** The pods of a Job as the cache has them now. */
  podsOf(job: KubeObject): KubeObject[];
}

function jobCondition(type: string, reason: string, message: string, now: number): Condition {
  const t = rfc3339(now);
  return { type, status: 'True', lastProbeTime: t, lastTransitionTime: t, reason, message };
}

function failureCheck(job: KubeObject, spec: JobSpec, failed: number, active: KubeObject[], now: number): { reason: string; message: string } | undefined {
  if (failed > spec.backoffLimit) return JOB_REASONS.backoffLimitExceeded;
  if (spec.restartPolicy === 'OnFailure') {
    const restarts = active.reduce((n, p) => n + podRestarts(p), 0);
    if (spec.backoffLimit === 0 ? restarts > 0 : restarts >= spec.backoffLimit) return JOB_REASONS.backoffLimitExceeded;
  }
  const start = Date.parse(job.status?.startTime ?? '');
  if (spec.activeDeadlineSeconds !== undefined && !Number.isNaN(start) && start + spec.activeDeadlineSeconds * 1000 <= now) return JOB_REASONS.deadlineExceeded;
  return undefined;
}

/**
 * One sync of a Job, upstream's order: count finished pods through uncountedTerminatedPods and
 * the tracking finalizer; decide success (SuccessCriteriaMet) or failure (FailureTarget); create
 * or delete pods; once no pod is left running or terminating, add Complete or Failed.
 * Returns a requeue delay (back-off, deadline) when one is due.
 */
export async function syncJob(deps: JobDeps, job: KubeObject): Promise<number | undefined> {
  const key = objectKey(job);
  const now = deps.clock.now();
  if (isJobFinished(job)) {
    for (const p of deps.podsOf(job)) if (hasFinalizer(p)) await removeFinalizer(deps.client, p);
    return undefined;
  }
  const spec = jobSpecOf(job);
  const status: Record<string, any> = structuredClone(job.status ?? {});
  const uncounted: Uncounted = { succeeded: [...(status.uncountedTerminatedPods?.succeeded ?? [])], failed: [...(status.uncountedTerminatedPods?.failed ?? [])] };
  const completed = spec.indexed ? parseIndexes(status.completedIndexes, spec.completions ?? 0) : new Set<number>();
  let conditions: Condition[] = [...(status.conditions ?? [])];
  const finishing = getCondition(conditions, 'FailureTarget')?.status === 'True' || getCondition(conditions, 'SuccessCriteriaMet')?.status === 'True';

  // 1. Record newly finished pods before their finalizers go, so none is lost or counted twice.
  // Decisions use this one snapshot, as upstream's sync does: a pod finishing meanwhile is
  // counted by the next sync, not half-counted by this one.
  const snapshot = deps.podsOf(job);
  const found = classifyFinished(job, spec, snapshot, uncounted, completed, finishing);
  for (const [uid, i] of found.indexOf) deps.pendingIndexes.set(uid, i);
  let current = job;
  if (found.newSucceeded.length || found.newFailed.length) {
    uncounted.succeeded.push(...found.newSucceeded);
    uncounted.failed.push(...found.newFailed);
    current = await writeStatus(deps.client, current, { ...status, uncountedTerminatedPods: compact({ succeeded: uncounted.succeeded.length ? uncounted.succeeded : undefined, failed: uncounted.failed.length ? uncounted.failed : undefined }) });
  }
  await Promise.all(found.release.map((p) => removeFinalizer(deps.client, p)));

  // 2. Move what no pod holds any more into the counts.
  let pods = deps.podsOf(job);
  const held = new Set(pods.filter(hasFinalizer).map((p) => p.metadata.uid!));
  const byUid = new Map(pods.map((p) => [p.metadata.uid!, p]));
  let movedFailed = 0;
  let lastFailure = 0;
  for (const uid of uncounted.succeeded.filter((u) => !held.has(u))) {
    status.succeeded = (status.succeeded ?? 0) + 1;
    const i = deps.pendingIndexes.get(uid);
    if (i !== undefined) completed.add(i);
    deps.pendingIndexes.delete(uid);
    deps.backoff.recordSuccess(key);
  }
  for (const uid of uncounted.failed.filter((u) => !held.has(u))) {
    status.failed = (status.failed ?? 0) + 1;
    movedFailed++;
    lastFailure = Math.max(lastFailure, finishedAt(byUid.get(uid), now));
  }
  deps.backoff.recordFailures(key, movedFailed, lastFailure);
  uncounted.succeeded = uncounted.succeeded.filter((u) => held.has(u));
  uncounted.failed = uncounted.failed.filter((u) => held.has(u));

  // 3. Success or failure.
  const active = snapshot.filter((p) => !isPodTerminal(p) && !p.metadata.deletionTimestamp);
  const succeeded = (status.succeeded ?? 0) + uncounted.succeeded.length;
  const failed = (status.failed ?? 0) + uncounted.failed.length;
  if (!finishing) {
    const failure = found.failJob ? { reason: 'PodFailurePolicy', message: found.failJob.message! } : failureCheck(job, spec, failed, active, now);
    if (failure) conditions = setCondition(conditions, jobCondition('FailureTarget', failure.reason, failure.message, now));
    else {
      const done = spec.indexed ? completed.size + uncounted.succeeded.filter((u) => deps.pendingIndexes.has(u)).length >= (spec.completions ?? 0) : spec.completions === undefined ? succeeded > 0 && active.length === 0 : succeeded >= spec.completions;
      if (done) conditions = setCondition(conditions, jobCondition('SuccessCriteriaMet', JOB_REASONS.completionsReached.reason, JOB_REASONS.completionsReached.message, now));
    }
  }
  const failureTarget = getCondition(conditions, 'FailureTarget')?.status === 'True' ? getCondition(conditions, 'FailureTarget') : undefined;
  const success = getCondition(conditions, 'SuccessCriteriaMet')?.status === 'True';

  // 4. Pods: finishing Jobs lose their active pods; others get what they need.
  let requeue: number | undefined;
  let manageError: unknown;
  try {
    if (failureTarget || success) await deletePods(deps, job, active);
    else if (deps.expectations.satisfied(key)) {
      const terminating = snapshot.filter((p) => p.metadata.deletionTimestamp && !isPodTerminal(p)).length;
      requeue = await manageJob(deps, job, spec, active, terminating, succeeded, completed, deps.backoff.remainingMs(key, now));
    }
  } catch (err) {
    manageError = err;
  }

  // 5. Suspension, start time, terminal conditions, and the status write.
  pods = deps.podsOf(job);
  const stillActive = pods.filter((p) => !isPodTerminal(p) && !p.metadata.deletionTimestamp);
  const terminating = pods.filter((p) => p.metadata.deletionTimestamp && !isPodTerminal(p)).length;
  if (!failureTarget && !success) conditions = suspension(deps, job, spec, conditions, status, now);
  if (!status.startTime && !spec.suspend) status.startTime = rfc3339(now);
  const drained = !stillActive.length && !terminating && !uncounted.succeeded.length && !uncounted.failed.length && !pods.some(hasFinalizer);
  if ((failureTarget || success) && drained) {
    if (failureTarget) {
      conditions = setCondition(conditions, jobCondition('Failed', failureTarget.reason!, failureTarget.message!, now));
      deps.recorder.event(job, 'Warning', failureTarget.reason!, failureTarget.message!);
    } else {
      conditions = setCondition(conditions, jobCondition('Complete', JOB_REASONS.completionsReached.reason, JOB_REASONS.completionsReached.message, now));
      status.completionTime = rfc3339(now);
      deps.recorder.event(job, 'Normal', 'Completed', 'Job completed');
    }
    deps.backoff.forget(key);
  }
  const next = compact({
    ...status,
    conditions: conditions.length ? conditions : undefined,
    active: stillActive.length || undefined,
    ready: stillActive.filter(isPodReady).length,
    terminating,
    succeeded: status.succeeded || undefined,
    failed: status.failed || undefined,
    completedIndexes: spec.indexed ? formatIndexes(completed) || undefined : undefined,
    uncountedTerminatedPods: compact({ succeeded: uncounted.succeeded.length ? uncounted.succeeded : undefined, failed: uncounted.failed.length ? uncounted.failed : undefined }),
  });
  await writeStatus(deps.client, current, next);
  if (manageError) throw manageError;
  return nextWake(spec, next, now, requeue);
}

function suspension(deps: JobDeps, job: KubeObject, spec: JobSpec, conditions: Condition[], status: Record<string, any>, now: number): Condition[] {
  const cur = getCondition(conditions, 'Suspended');
  if (spec.suspend && cur?.status !== 'True') {
    deps.recorder.event(job, 'Normal', 'Suspended', 'Job suspended');
    delete status.startTime;
    const t = rfc3339(now);
    return setCondition(conditions, { type: 'Suspended', status: 'True', lastProbeTime: t, lastTransitionTime: t, reason: 'JobSuspended', message: 'Job suspended' });
  }
  if (!spec.suspend && cur?.status === 'True') {
    deps.recorder.event(job, 'Normal', 'Resumed', 'Job resumed');
    // Resuming restarts the activeDeadlineSeconds clock.
    status.startTime = rfc3339(now);
    const t = rfc3339(now);
    return setCondition(conditions, { type: 'Suspended', status: 'False', lastProbeTime: t, lastTransitionTime: t, reason: 'JobResumed', message: 'Job resumed' });
  }
  return conditions;
}

function nextWake(spec: JobSpec, status: Record<string, any>, now: number, requeue: number | undefined): number | undefined {
  let wake = requeue;
  const start = Date.parse(status.startTime ?? '');
  const finished = (status.conditions ?? []).some((c: Condition) => (c.type === 'Complete' || c.type === 'Failed' || c.type === 'FailureTarget') && c.status === 'True');
  if (spec.activeDeadlineSeconds !== undefined && !Number.isNaN(start) && !finished) {
    const left = Math.max(1, start + spec.activeDeadlineSeconds * 1000 - now);
    wake = wake === undefined ? left : Math.min(wake, left);
  }
  return wake;
}
