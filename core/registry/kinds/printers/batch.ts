import type { KubeObject } from '../../../api/types.js';
import { age, humanDuration } from '../../../api/duration.js';
import type { BehaviorTable } from '../behavior.js';
import { boolPtr, conditionStatus, containerCells, formatSelector } from './format.js';
import { ageColumn, ageOf, column, nameColumn, nameOf, printer, wide } from './table.js';

const containersColumn = wide('Containers', 'Container names in the pod template.');
const imagesColumn = wide('Images', 'Container images in the pod template.');
const selectorColumn = wide('Selector', 'The label selector that picks the job pods.');

function completions(job: KubeObject): string {
  const succeeded = job.status?.succeeded ?? 0;
  const want = job.spec?.completions;
  if (want !== undefined && want !== null) return `${succeeded}/${want}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function duration(job: KubeObject, now: number): string {
  const start = Date.parse(job.status?.startTime ?? '');
  if (Number.isNaN(start)) return '';
  const end = Date.parse(job.status?.completionTime ?? '');
  return humanDuration((Number.isNaN(end) ? now : end) - start);
}

// Terminal conditions first, then deletion, then the transient ones, as upstream orders them.
function jobStatus(job: KubeObject): string {
  const conditions = job.status?.conditions;
  const has = (type: string) => conditionStatus(conditions, type) === 'True';
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (has('Suspended')) return 'Suspended';
  if (has('FailureTarget')) return 'FailureTarget';
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

const jobTable = printer(
  [
    nameColumn,
    column('Status', 'Whether the job is running, complete, failed or suspended.'),
    column('Completions', 'Succeeded pods out of the required completions.'),
    column('Duration', 'How long the job ran, or has been running.'),
    ageColumn,
    containersColumn,
    imagesColumn,
    selectorColumn,
  ],
  (job, now) => [
    nameOf(job),
    jobStatus(job),
    completions(job),
    duration(job, now),
    ageOf(job, now),
    ...containerCells(job.spec?.template?.spec?.containers),
    formatSelector(job.spec?.selector),
  ],
);

const cronJobTable = printer(
  [
    nameColumn,
    column('Schedule', 'The cron schedule.'),
    column('Timezone', 'The time zone the schedule is read in.'),
    column('Suspend', 'Whether new runs are held back.', { type: 'boolean' }),
    column('Active', 'Jobs currently running.', { type: 'integer' }),
    column('Last Schedule', 'How long ago a job was last started.'),
    ageColumn,
    containersColumn,
    imagesColumn,
    selectorColumn,
  ],
  (cj, now) => {
    const jobSpec = cj.spec?.jobTemplate?.spec;
    return [
      nameOf(cj),
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      boolPtr(cj.spec?.suspend),
      (cj.status?.active ?? []).length,
      cj.status?.lastScheduleTime ? age(cj.status.lastScheduleTime, now) : '<none>',
      ageOf(cj, now),
      ...containerCells(jobSpec?.template?.spec?.containers),
      formatSelector(jobSpec?.selector),
    ];
  },
);

export const batchPrinters: BehaviorTable = {
  'batch/Job': { table: jobTable, fieldSelectors: { 'status.successful': (j) => String(j.status?.succeeded ?? 0) } },
  'batch/CronJob': { table: cronJobTable },
};
