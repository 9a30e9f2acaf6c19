import type { KubeObject } from '../../api/types.js';
import { isAlreadyExists, isNotFound, type Client, type EventRecorder } from '../../client/index.js';
import { rfc3339, type Clock } from '../../util/clock.js';
import { getCondition } from '../shared/conditions.js';
import { newControllerRef, controllerRefOf } from '../shared/owner-refs.js';
import { parseSchedule } from './cron-schedule.js';
import { mostRecentScheduleTime, nextTime } from './next-time.js';
import { checkTimeZone, rfc3339InZone } from './time-zone.js';

export interface CronJobDeps {
  client: Client;
  recorder: EventRecorder;
  clock: Clock;
  defaultTimeZone: string;
  jobsOf(cj: KubeObject): KubeObject[];
}

const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** Upstream's nextScheduleDelta: wake a little after the minute so it has surely passed. */
const NEXT_DELTA_MS = 100;

export function finishedType(job: KubeObject): 'Complete' | 'Failed' | undefined {
  if (getCondition(job.status?.conditions, 'Complete')?.status === 'True') return 'Complete';
  if (getCondition(job.status?.conditions, 'Failed')?.status === 'True') return 'Failed';
  return undefined;
}

export interface CronSyncResult {
  status: Record<string, any>;
  requeueMs?: number;
}

/** Jobs are named after their scheduled minute, which makes a second create of the same run fail. */
export function jobName(cj: KubeObject, scheduledMs: number): string {
  return `${cj.metadata.name}-${Math.floor(scheduledMs / 60_000)}`;
}

function jobRef(job: KubeObject) {
  return { kind: 'Job', namespace: job.metadata.namespace, name: job.metadata.name, uid: job.metadata.uid, apiVersion: 'batch/v1', resourceVersion: job.metadata.resourceVersion };
}

/**
 * Upstream's syncCronJob: reconcile status.active with the Jobs that exist, then start the most
 * recent missed run if it is not too late, not already started, and the concurrency policy
 * allows it. Returns the new status and when the next run is due.
 */
export async function syncCronJob(deps: CronJobDeps, cj: KubeObject): Promise<CronSyncResult> {
  const { recorder } = deps;
  const now = deps.clock.now();
  const status: Record<string, any> = structuredClone(cj.status ?? {});
  let active: any[] = [...(status.active ?? [])];
  const jobs = deps.jobsOf(cj);
  const inActive = (uid: string) => active.some((r) => r.uid === uid);
  for (const j of jobs) {
    const done = finishedType(j);
    if (!inActive(j.metadata.uid!) && !done) recorder.event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
    else if (inActive(j.metadata.uid!) && done) {
      active = active.filter((r) => r.uid !== j.metadata.uid);
      recorder.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${done}`);
    }
    if (done === 'Complete' && j.status?.completionTime && (!status.lastSuccessfulTime || Date.parse(j.status.completionTime) > Date.parse(status.lastSuccessfulTime))) {
      status.lastSuccessfulTime = j.status.completionTime;
    }
  }
  const children = new Set(jobs.map((j) => j.metadata.uid));
  for (const r of [...active]) {
    if (children.has(r.uid)) continue;
    if (deps.client.find('batch/v1', 'Job', r.namespace, r.name)?.metadata.uid === r.uid) continue;
    recorder.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${r.name}`);
    active = active.filter((x) => x.uid !== r.uid);
  }
  const out = (requeueMs?: number): CronSyncResult => {
    if (active.length) status.active = active;
    else delete status.active;
    return { status, requeueMs };
  };
  if (cj.metadata.deletionTimestamp) return out();

  const zone = cj.spec?.timeZone ?? deps.defaultTimeZone;
  try {
    checkTimeZone(zone);
  } catch (err) {
    recorder.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: "${zone}": ${(err as Error).message}`);
    return out();
  }
  if (cj.spec?.suspend) return out();
  let schedule;
  try {
    schedule = parseSchedule(cj.spec?.schedule ?? '');
  } catch (err) {
    recorder.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${cj.spec?.schedule}" : ${(err as Error).message}`);
    return out();
  }
  const created = Date.parse(cj.metadata.creationTimestamp ?? '') || now;
  const last = status.lastScheduleTime ? Date.parse(status.lastScheduleTime) : undefined;
  const deadline = cj.spec?.startingDeadlineSeconds as number | undefined;
  let earliest = last ?? created;
  if (deadline !== undefined) earliest = Math.max(earliest, now - deadline * 1000);
  const recent = mostRecentScheduleTime(schedule, earliest, now, zone);
  const wake = () => {
    // The run after the latest one due (or after the last start): always in the future.
    const base = mostRecentScheduleTime(schedule, last ?? created, now, zone).time ?? last ?? created;
    const next = nextTime(schedule, base, zone);
    return next === undefined ? undefined : Math.max(0, next - now) + NEXT_DELTA_MS;
  };
  if (recent.time === undefined) return out(wake());
  if (recent.missed === 'many') recorder.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
  const scheduled = recent.time;
  if (deadline !== undefined && scheduled + deadline * 1000 < now) {
    recorder.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
    return out(wake());
  }
  const name = jobName(cj, scheduled);
  if (active.some((r) => r.name === name) || (last !== undefined && last === scheduled)) return out(wake());
  const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
  if (policy === 'Forbid' && active.length) {
    recorder.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
    return out(wake());
  }
  if (policy === 'Replace') {
    for (const r of [...active]) {
      await deleteJob(deps, cj, r.namespace, r.name);
      active = active.filter((x) => x.uid !== r.uid);
    }
  }
  const template = cj.spec?.jobTemplate ?? {};
  const job: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cj.metadata.namespace,
      labels: { ...(template.metadata?.labels ?? {}) },
      annotations: { ...(template.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP]: rfc3339InZone(scheduled, zone) },
      ownerReferences: [newControllerRef(cj)],
    },
    spec: structuredClone(template.spec ?? {}),
  };
  if (!Object.keys(job.metadata.labels!).length) delete job.metadata.labels;
  let result: KubeObject;
  try {
    result = await deps.client.create(job);
    recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`);
  } catch (err) {
    if (!isAlreadyExists(err)) {
      recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${(err as Error).message}`);
      throw err;
    }
    const existing = deps.client.find('batch/v1', 'Job', cj.metadata.namespace, name);
    // Someone else's Job, or ours and already listed: nothing to record.
    if (!existing || controllerRefOf(existing)?.uid !== cj.metadata.uid || inActive(existing.metadata.uid!)) return out(wake());
    result = existing;
  }
  active = [...active, jobRef(result)];
  status.lastScheduleTime = rfc3339(scheduled);
  const next = nextTime(schedule, scheduled, zone);
  return out(next === undefined ? undefined : Math.max(0, next - now) + NEXT_DELTA_MS);
}

export async function deleteJob(deps: CronJobDeps, cj: KubeObject, namespace: string, name: string): Promise<void> {
  try {
    await deps.client.delete('batch/v1', 'Job', namespace, name, { propagationPolicy: 'Background' });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  deps.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${name}`);
}

/** Go's time.RFC1123Z, as upstream prints missed start times. */
function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
