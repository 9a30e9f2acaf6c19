import type { KubeObject } from '../../api/types.js';
import { EventRecorder, objectKey, runController, WorkQueue, type RunningController } from '../../client/index.js';
import type { ControllerContext } from '../types.js';
import { CONTROLLER_UID_INDEX, controllerRefOf, controllerUidIndexer, refersToKind } from '../shared/owner-refs.js';
import { writeStatus } from '../shared/status.js';
import { deleteJob, finishedType, syncCronJob, type CronJobDeps } from './cronjob-sync.js';

export interface CronJobControllerConfig {
  /** The zone of schedules without spec.timeZone (upstream: the controller manager's, UTC in practice). */
  defaultTimeZone?: string;
}

function startMs(job: KubeObject): number | undefined {
  const t = Date.parse(job.status?.startTime ?? '');
  return Number.isNaN(t) ? undefined : t;
}

/** Upstream's byJobStartTime: earliest start first, jobs that never started last. */
function byStartTime(a: KubeObject, b: KubeObject): number {
  const sa = startMs(a);
  const sb = startMs(b);
  if (sa === undefined && sb !== undefined) return 1;
  if (sa !== undefined && sb === undefined) return -1;
  if (sa === sb) return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  return sa! - sb!;
}

/**
 * CronJobs: start a Job named `<cronjob>-<minutes since epoch>` for the most recent schedule time
 * not yet run (within startingDeadlineSeconds, as concurrencyPolicy allows), track active Jobs,
 * and keep only the configured number of finished ones. Time comes from the context clock.
 */
export function startCronJobController(ctx: ControllerContext, config: CronJobControllerConfig = {}): RunningController {
  const client = ctx.client.as('cronjob-controller');
  const recorder = new EventRecorder(client, { component: 'cronjob-controller' });
  const queue = new WorkQueue({ clock: ctx.clock });
  const cronJobs = ctx.informers.for('batch/v1', 'CronJob');
  const jobs = ctx.informers.for('batch/v1', 'Job');
  jobs.addIndexer(CONTROLLER_UID_INDEX, controllerUidIndexer);
  const deps: CronJobDeps = { client, recorder, clock: ctx.clock, defaultTimeZone: config.defaultTimeZone ?? 'UTC', jobsOf: (cj) => jobs.byIndex(CONTROLLER_UID_INDEX, cj.metadata.uid!) };

  const enqueueOwner = (job: KubeObject) => {
    const ref = controllerRefOf(job);
    if (!refersToKind(ref, 'batch', 'CronJob')) return;
    const cj = cronJobs.get(job.metadata.namespace, ref.name);
    if (cj?.metadata.uid === ref.uid) queue.add(objectKey(cj));
  };
  const unsubscribe = [
    cronJobs.on({ add: (cj) => queue.add(objectKey(cj)), update: (cj) => queue.add(objectKey(cj)) }),
    jobs.on({ add: enqueueOwner, update: enqueueOwner, delete: enqueueOwner }),
  ];

  const cleanupFinished = async (cj: KubeObject) => {
    const owned = deps.jobsOf(cj);
    const limits: Array<['Complete' | 'Failed', number]> = [
      ['Complete', cj.spec?.successfulJobsHistoryLimit ?? 3],
      ['Failed', cj.spec?.failedJobsHistoryLimit ?? 1],
    ];
    for (const [type, limit] of limits) {
      const finished = owned.filter((j) => finishedType(j) === type && !j.metadata.deletionTimestamp).sort(byStartTime);
      for (const j of finished.slice(0, Math.max(0, finished.length - limit))) await deleteJob(deps, cj, j.metadata.namespace!, j.metadata.name!);
    }
  };

  return runController({
    name: 'cronjob-controller',
    queue,
    logger: ctx.logger,
    workers: 2,
    async reconcile(key) {
      const cj = cronJobs.getByKey(key);
      if (!cj) return;
      const { status, requeueMs } = await syncCronJob(deps, cj);
      await cleanupFinished(cj);
      await writeStatus(client, cronJobs.getByKey(key) ?? cj, status);
      return requeueMs === undefined ? undefined : { requeueAfterMs: requeueMs };
    },
    onStop: unsubscribe,
  });
}
