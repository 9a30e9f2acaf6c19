import type { KubeObject } from '../../api/types.js';
import { EventRecorder, objectKey, runController, WorkQueue, type RunningController } from '../../client/index.js';
import type { ControllerContext } from '../types.js';
import { claim } from '../shared/claim.js';
import { Expectations } from '../shared/expectations.js';
import { CONTROLLER_UID_INDEX, controllerRefOf, controllerUidIndexer, refersToKind } from '../shared/owner-refs.js';
import { matches, workloadSelector } from '../shared/selectors.js';
import { BackoffStore } from './backoff.js';
import { jobSelector } from './job-pods.js';
import { syncJob, type JobDeps } from './job-sync.js';
import { hasFinalizer, removeFinalizer } from './job-tracking.js';

const ORPHAN = 'orphan-pod:';

/**
 * Jobs: pods up to parallelism until completions succeed (or, Indexed, every index does), with
 * back-off between failures, backoffLimit, activeDeadlineSeconds, suspend and podFailurePolicy;
 * finished pods are counted through the batch.kubernetes.io/job-tracking finalizer.
 */
export function startJobController(ctx: ControllerContext): RunningController {
  const client = ctx.client.as('job-controller');
  const recorder = new EventRecorder(client, { component: 'job-controller' });
  const queue = new WorkQueue({ clock: ctx.clock });
  const expectations = new Expectations(ctx.clock);
  const jobs = ctx.informers.for('batch/v1', 'Job');
  const pods = ctx.informers.for('v1', 'Pod');
  pods.addIndexer(CONTROLLER_UID_INDEX, controllerUidIndexer);
  const deps: JobDeps = {
    client,
    recorder,
    expectations,
    clock: ctx.clock,
    backoff: new BackoffStore(),
    pendingIndexes: new Map(),
    podsOf: (job) => pods.byIndex(CONTROLLER_UID_INDEX, job.metadata.uid!),
  };

  const jobOf = (pod: KubeObject): KubeObject | undefined => {
    const ref = controllerRefOf(pod);
    if (!refersToKind(ref, 'batch', 'Job')) return undefined;
    const job = jobs.get(pod.metadata.namespace, ref.name);
    return job?.metadata.uid === ref.uid ? job : undefined;
  };
  const onPod = (pod: KubeObject, kind: 'add' | 'update' | 'delete') => {
    const job = jobOf(pod);
    if (!job) {
      // A pod whose Job is gone must not keep its finalizer, or it can never be deleted.
      if (hasFinalizer(pod) && kind !== 'delete') queue.add(ORPHAN + objectKey(pod));
      else if (!controllerRefOf(pod) && kind !== 'delete') {
        for (const j of jobs.byIndex('namespace', pod.metadata.namespace!)) if (matches(workloadSelector(jobSelector(j)), pod.metadata.labels)) queue.add(objectKey(j));
      }
      return;
    }
    const key = objectKey(job);
    if (kind === 'add' && !pod.metadata.deletionTimestamp) expectations.creationObserved(key);
    if (kind === 'delete' || (kind !== 'add' && pod.metadata.deletionTimestamp)) expectations.deletionObserved(key, objectKey(pod));
    queue.add(key);
  };

  const unsubscribe = [
    jobs.on({
      add: (j) => queue.add(objectKey(j)),
      update: (j) => queue.add(objectKey(j)),
      delete: (j) => {
        expectations.delete(objectKey(j));
        deps.backoff.forget(objectKey(j));
        for (const p of pods.byIndex(CONTROLLER_UID_INDEX, j.metadata.uid!)) if (hasFinalizer(p)) queue.add(ORPHAN + objectKey(p));
      },
    }),
    pods.on({ add: (p) => onPod(p, 'add'), update: (p) => onPod(p, 'update'), delete: (p) => onPod(p, 'delete') }),
  ];

  return runController({
    name: 'job-controller',
    queue,
    logger: ctx.logger,
    workers: 4,
    async reconcile(key) {
      if (key.startsWith(ORPHAN)) {
        const pod = pods.getByKey(key.slice(ORPHAN.length));
        if (pod && hasFinalizer(pod) && !jobOf(pod)) await removeFinalizer(client, pod);
        return;
      }
      const job = jobs.getByKey(key);
      if (!job) return;
      if (!job.metadata.deletionTimestamp) {
        const selector = workloadSelector(jobSelector(job));
        await claim({ client, owner: job, selector, current: () => jobs.getByKey(key) }, pods.byIndex('namespace', job.metadata.namespace!));
      }
      const requeue = await syncJob(deps, jobs.getByKey(key) ?? job);
      return requeue === undefined ? undefined : { requeueAfterMs: requeue };
    },
    onStop: unsubscribe,
  });
}
