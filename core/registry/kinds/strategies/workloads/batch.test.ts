import { describe, expect, it } from 'vitest';
import { harness, withoutServerMeta } from '../test-harness.js';
import { cronScheduleProblem, timeZoneProblem } from './cron-schedule.js';

const podSpec = { containers: [{ name: 'pi', image: 'perl:5.34' }], restartPolicy: 'Never' };
const defaultedPodSpec = {
  containers: [{ name: 'pi', image: 'perl:5.34', imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Never',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};

const job = (spec: Record<string, unknown> = {}) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default' }, spec: { template: { spec: podSpec }, ...spec } });

describe('batch/v1 Job', () => {
  it('stores a minimal Job with a generated selector and labels, as upstream does', async () => {
    const out = await harness().create(job());
    const uid = out.metadata.uid;
    const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' };
    expect(withoutServerMeta(out)).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default', generation: 1, labels },
      spec: {
        backoffLimit: 6,
        completionMode: 'NonIndexed',
        completions: 1,
        manualSelector: false,
        parallelism: 1,
        podReplacementPolicy: 'TerminatingOrFailed',
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
        suspend: false,
        template: { metadata: { labels }, spec: defaultedPodSpec },
      },
      status: {},
    });
  });

  it('leaves completions unset when only parallelism is given', async () => {
    const out = await harness().create(job({ parallelism: 3 }));
    expect(out.spec.parallelism).toBe(3);
    expect(out.spec.completions).toBeUndefined();
  });

  it('keeps the Job labels the user gave', async () => {
    const j = job();
    (j.metadata as Record<string, unknown>).labels = { team: 'a' };
    expect((await harness().create(j)).metadata.labels).toEqual({ team: 'a' });
  });

  it('requires restartPolicy OnFailure or Never', async () => {
    const h = harness();
    const err = await h.failure(h.create(job({ template: { spec: { containers: podSpec.containers } } })));
    expect(err.status.message).toBe('Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  });

  it('refuses changes to the template and the selector', async () => {
    const h = harness();
    const cur = await h.create(job());
    cur.spec.template.spec.containers[0].image = 'perl:5.36';
    expect((await h.failure(h.update(cur))).status.message).toMatch(/^Job\.batch "pi" is invalid: spec\.template: Invalid value: .*: field is immutable$/);
    const again = h.get('batch/v1', 'Job', 'default', 'pi');
    again.spec.selector.matchLabels.extra = 'x';
    const causes = (await h.failure(h.update(again))).status.details?.causes ?? [];
    expect(causes.map((c) => c.field)).toContain('spec.selector');
  });
});

describe('batch/v1 CronJob', () => {
  const cron = (spec: Record<string, unknown> = {}) => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'tick', namespace: 'default' },
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { ...podSpec, restartPolicy: 'OnFailure' } } } }, ...spec },
  });

  it('stores a minimal CronJob with upstream defaults', async () => {
    const out = await harness().create(cron());
    expect(withoutServerMeta(out)).toEqual({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick', namespace: 'default', generation: 1 },
      spec: {
        concurrencyPolicy: 'Allow',
        failedJobsHistoryLimit: 1,
        jobTemplate: { metadata: {}, spec: { template: { metadata: {}, spec: { ...defaultedPodSpec, restartPolicy: 'OnFailure' } } } },
        schedule: '*/5 * * * *',
        successfulJobsHistoryLimit: 3,
        suspend: false,
      },
      status: {},
    });
  });

  it('refuses a bad schedule with the cron parser message', async () => {
    const h = harness();
    const err = await h.failure(h.create(cron({ schedule: 'bad' })));
    expect(err.status.message).toBe('CronJob.batch "tick" is invalid: spec.schedule: Invalid value: "bad": expected exactly 5 fields, found 1: [bad]');
  });

  it('refuses TZ inside the schedule and unknown time zones', async () => {
    const h = harness();
    const tz = await h.failure(h.create(cron({ schedule: 'TZ=UTC 0 * * * *' })));
    expect(tz.status.message).toBe('CronJob.batch "tick" is invalid: spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
    const zone = await h.failure(h.create(cron({ timeZone: 'Europe/Pariss' })));
    expect(zone.status.message).toBe('CronJob.batch "tick" is invalid: spec.timeZone: Invalid value: "Europe/Pariss": unknown time zone Europe/Pariss');
    expect((await h.create(cron({ timeZone: 'Europe/Paris' }))).spec.timeZone).toBe('Europe/Paris');
  });

  it('limits names to 52 characters on create', async () => {
    const h = harness();
    const long = cron();
    long.metadata.name = 'a'.repeat(53);
    expect((await h.failure(h.create(long))).status.message).toContain('metadata.name: Invalid value: "' + 'a'.repeat(53) + '": must be no more than 52 characters');
  });
});

describe('cron schedules', () => {
  it('accepts what robfig/cron accepts', () => {
    for (const s of ['0 * * * *', '*/15 1-5 * * MON-FRI', '0 0 1 jan,jul *', '@hourly', '@every 1h30m', '5 4 * * sun', '0 0 ? * *']) expect(cronScheduleProblem(s), s).toBeUndefined();
  });

  it('words errors as robfig/cron does', () => {
    expect(cronScheduleProblem('60 * * * *')).toBe('end of range (60) above maximum (59): 60');
    expect(cronScheduleProblem('* * * * 7')).toBe('end of range (7) above maximum (6): 7');
    expect(cronScheduleProblem('5-1 * * * *')).toBe('beginning of range (5) beyond end of range (1): 5-1');
    expect(cronScheduleProblem('x * * * *')).toBe('failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    expect(cronScheduleProblem('*/0 * * * *')).toBe('step of range should be a positive number: */0');
    expect(cronScheduleProblem('@weekdays')).toBe('unrecognized descriptor: @weekdays');
    expect(cronScheduleProblem('0 0 * *')).toBe('expected exactly 5 fields, found 4: [0 0 * *]');
  });

  it('knows the IANA zones, case-sensitively like Go', () => {
    expect(timeZoneProblem('America/New_York')).toBeUndefined();
    expect(timeZoneProblem('america/new_york')).toBe('unknown time zone america/new_york');
  });
});
