import type { KubeObject } from '../../api/types.js';
import { isNotFound, objectKey, runController, WorkQueue, type RunningController } from '../../client/index.js';
import type { ControllerContext } from '../types.js';
import { getCondition } from '../shared/conditions.js';

/** When a Job finished: the transition time of its Complete or Failed condition. */
export function jobFinishTime(job: KubeObject): number | undefined {
  for (const type of ['Complete', 'Failed']) {
    const c = getCondition(job.status?.conditions, type);
    if (c?.status === 'True') {
      const t = Date.parse(c.lastTransitionTime ?? '');
      return Number.isNaN(t) ? undefined : t;
    }
  }
  return undefined;
}

/**
 * Deletes finished Jobs `ttlSecondsAfterFinished` after they finished (in the foreground, so
 * their pods go first), as upstream's TTL-after-finished controller does.
 */
export function startTtlAfterFinishedController(ctx: ControllerContext): RunningController {
  const client = ctx.client.as('ttl-after-finished-controller');
  const queue = new WorkQueue({ clock: ctx.clock });
  const jobs = ctx.informers.for('batch/v1', 'Job');
  const consider = (job: KubeObject) => {
    if (job.spec?.ttlSecondsAfterFinished !== undefined && !job.metadata.deletionTimestamp && jobFinishTime(job) !== undefined) queue.add(objectKey(job));
  };
  const unsubscribe = jobs.on({ add: consider, update: consider });
  const controller = runController({
    name: 'ttl-after-finished-controller',
    queue,
    logger: ctx.logger,
    async reconcile(key) {
      const job = jobs.getByKey(key);
      const ttl = job?.spec?.ttlSecondsAfterFinished;
      const finished = job && jobFinishTime(job);
      if (!job || ttl === undefined || finished === undefined || job.metadata.deletionTimestamp) return;
      const left = finished + ttl * 1000 - ctx.clock.now();
      if (left > 0) return { requeueAfterMs: left };
      try {
        // The preconditions make sure it is still the Job that expired, not a newer one of the same name.
        await client.delete('batch/v1', 'Job', job.metadata.namespace, job.metadata.name!, { propagationPolicy: 'Foreground', preconditions: { uid: job.metadata.uid, resourceVersion: job.metadata.resourceVersion } });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      return;
    },
  });
  return {
    name: controller.name,
    idle: controller.idle,
    stop() {
      unsubscribe();
      controller.stop();
    },
  };
}
