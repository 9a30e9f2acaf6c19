import type { KindBehavior } from '../../behavior.js';
import { invalid, isObject, nonNegative, notSupported, required, type Errors } from '../common/field.js';
import { isCreate, markCreate } from '../common/phase.js';
import { dropNullTimestamp } from '../pod/pod-defaults.js';
import { cronScheduleProblem, timeZoneProblem } from './cron-schedule.js';
import { validateJobSpecCommon } from './job.js';
import { nameWarnings, recountGeneration, templateDefaults, templateWarnings } from './workload-common.js';

type Obj = Record<string, any>;

const CONCURRENCY = ['Allow', 'Forbid', 'Replace'];
// IANA naming rules; digits and '+' are tolerated for legacy names.
const ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateTimeZone(tz: unknown): Errors {
  if (tz === undefined || tz === null) return [];
  const f = 'spec.timeZone';
  if (tz === '') return [invalid(f, tz, 'timeZone must be nil or non-empty string')];
  const zone = String(tz);
  if (zone.split('/').some((p) => p === '.' || p === '..' || p.startsWith('-') || !ZONE_PART.test(p))) return [invalid(f, zone, `unknown time zone ${zone}`)];
  if (zone.toLowerCase() === 'local') return [invalid(f, zone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')];
  const why = timeZoneProblem(zone);
  return why ? [invalid(f, zone, why)] : [];
}

export function validateCronJobSpec(spec: Obj | undefined, old: Obj | undefined): Errors {
  const s = spec ?? {};
  const errs: Errors = [];
  const schedule = typeof s.schedule === 'string' ? s.schedule : '';
  if (!schedule) errs.push(required('spec.schedule'));
  else {
    const why = cronScheduleProblem(schedule);
    if (why) errs.push(invalid('spec.schedule', schedule, why));
    // Schedules that already carried a TZ may keep it, as long as timeZone stays unset.
    const allowTZ = typeof old?.schedule === 'string' && old.schedule.includes('TZ');
    if (allowTZ && schedule.includes('TZ') && s.timeZone !== undefined && s.timeZone !== null)
      errs.push(invalid('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    else if (!allowTZ && schedule.includes('TZ')) errs.push(invalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  errs.push(...nonNegative('spec.startingDeadlineSeconds', s.startingDeadlineSeconds));
  if (!old || old.timeZone !== s.timeZone) errs.push(...validateTimeZone(s.timeZone));
  if (!s.concurrencyPolicy) errs.push(required('spec.concurrencyPolicy'));
  else if (!CONCURRENCY.includes(s.concurrencyPolicy)) errs.push(notSupported('spec.concurrencyPolicy', s.concurrencyPolicy, CONCURRENCY));
  const jobSpec = s.jobTemplate?.spec;
  errs.push(...validateJobSpecCommon(jobSpec, 'spec.jobTemplate.spec'));
  if (jobSpec?.selector) errs.push(invalid('spec.jobTemplate.spec.selector', jobSpec.selector, '`selector` will be auto-generated'));
  if (jobSpec?.manualSelector === true) errs.push(notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
  errs.push(...nonNegative('spec.successfulJobsHistoryLimit', s.successfulJobsHistoryLimit), ...nonNegative('spec.failedJobsHistoryLimit', s.failedJobsHistoryLimit));
  return errs;
}

export const cronJobBehavior: KindBehavior = {
  strategy: {
    defaults(obj) {
      if (!isObject(obj.spec)) obj.spec = {};
      const s = obj.spec;
      s.concurrencyPolicy ||= 'Allow';
      s.suspend ??= false;
      s.successfulJobsHistoryLimit ??= 3;
      s.failedJobsHistoryLimit ??= 1;
      s.jobTemplate ??= {};
      s.jobTemplate.metadata ??= {};
      dropNullTimestamp(s.jobTemplate.metadata);
      s.jobTemplate.spec ??= {};
      templateDefaults(obj, (s.jobTemplate.spec.template ??= {}));
    },
    prepareForCreate(obj) {
      markCreate(obj);
      obj.status = {};
    },
    prepareForUpdate: (obj, old) => recountGeneration(obj, old),
    validate(obj) {
      if (!isCreate(obj)) return [];
      const errs = validateCronJobSpec(obj.spec, undefined);
      // The controller appends an 11-character suffix to name each Job, which must stay a DNS label.
      if ((obj.metadata.name ?? '').length > 52) errs.push(invalid('metadata.name', obj.metadata.name, 'must be no more than 52 characters'));
      return errs;
    },
    validateUpdate: (obj, old) => validateCronJobSpec(obj.spec, old.spec),
    warnings: (obj, old) => (old ? [] : [...nameWarnings(obj), ...templateWarnings(obj.spec?.jobTemplate?.spec?.template, 'spec.jobTemplate.spec.template')]),
  },
};
