import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { rfc3339 } from '../../util/clock.js';
import { startTestCluster, waitFor, type TestCluster } from '../testing/harness.js';
import { FakeClock } from '../testing/fake-clock.js';
import { startCronJobController } from './cronjob-controller.js';

let t: TestCluster;
let clock: FakeClock;

beforeEach(async () => {
  clock = new FakeClock(Date.parse('2026-01-15T10:00:00Z'));
  t = await startTestCluster({ clock });
  t.run(startCronJobController);
});
afterEach(() => t.stop());

function cronJob(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'default' },
    spec: { schedule: '*/5 * * * *', jobTemplate: { metadata: { labels: { app: name } }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } }, ...spec },
  };
}

const jobs = () =>
  t.client
    .list('batch/v1', 'Job', 'default')
    .items.filter((j) => !j.metadata.deletionTimestamp)
    .map((j) => j.metadata.name)
    .sort();
const getCj = (name: string) => t.client.get('batch/v1', 'CronJob', 'default', name);
const events = (reason: string) =>
  t.client
    .list('v1', 'Event', 'default')
    .items.filter((e) => e.reason === reason)
    .map((e) => e.message);
/** Lets in-flight reconciles finish before time jumps, as it never jumps for real. */
async function tick(ms: number) {
  await t.settle();
  await clock.advance(ms);
}
const minutes = (iso: string) => Math.floor(Date.parse(iso) / 60_000);

/** Plays the Job controller: marks a Job finished. */
async function finishJob(name: string, type: 'Complete' | 'Failed') {
  const j = t.client.get('batch/v1', 'Job', 'default', name);
  const now = rfc3339(clock.now());
  await t.client.updateStatus({
    ...j,
    status: { startTime: j.metadata.creationTimestamp, ...(type === 'Complete' ? { completionTime: now, succeeded: 1 } : { failed: 1 }), conditions: [{ type, status: 'True', lastProbeTime: now, lastTransitionTime: now }] },
  });
}

describe('CronJob controller', () => {
  it('starts a Job at the scheduled minute, named after it, and tracks it as active', async () => {
    const cj = await t.client.create(cronJob('tick'));
    await t.settle();
    expect(jobs()).toEqual([]);
    await tick(5 * 60_000 + 1000);
    const name = `tick-${minutes('2026-01-15T10:05:00Z')}`;
    await waitFor(() => jobs().includes(name));
    const job = t.client.get('batch/v1', 'Job', 'default', name);
    expect(job.metadata.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-01-15T10:05:00Z' });
    expect(job.metadata.labels).toEqual({ app: 'tick' });
    expect(job.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'tick', uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(job.spec.template.spec.containers[0].image).toBe('busybox');
    await waitFor(() => getCj('tick').status?.lastScheduleTime === '2026-01-15T10:05:00Z');
    expect(getCj('tick').status.active).toEqual([{ kind: 'Job', namespace: 'default', name, uid: job.metadata.uid, apiVersion: 'batch/v1', resourceVersion: job.metadata.resourceVersion }]);
    await waitFor(() => events('SuccessfulCreate').includes(`Created job ${name}`));
    await finishJob(name, 'Complete');
    await waitFor(() => !getCj('tick').status?.active);
    expect(getCj('tick').status.lastSuccessfulTime).toBe('2026-01-15T10:05:01Z');
    await waitFor(() => events('SawCompletedJob').includes(`Saw completed job: ${name}, condition: Complete`));
    await tick(5 * 60_000 + 1000);
    await waitFor(() => jobs().length === 2);
  });

  it('Forbid skips a run while one is active; Replace deletes it; Allow runs both', async () => {
    await t.client.create(cronJob('forbid', { concurrencyPolicy: 'Forbid' }));
    await t.client.create(cronJob('replace', { concurrencyPolicy: 'Replace' }));
    await t.client.create(cronJob('allow'));
    await tick(5 * 60_000 + 1000);
    await waitFor(() => jobs().length === 3);
    await tick(5 * 60_000 + 1000);
    await waitFor(() => jobs().filter((j) => j?.startsWith('allow')).length === 2);
    await waitFor(() => events('JobAlreadyActive').length > 0);
    expect(events('JobAlreadyActive')[0]).toBe('Not starting job because prior execution is running and concurrency policy is Forbid');
    await waitFor(() => jobs().filter((j) => j?.startsWith('replace')).join() === `replace-${minutes('2026-01-15T10:10:00Z')}`);
    expect(jobs().filter((j) => j?.startsWith('forbid'))).toEqual([`forbid-${minutes('2026-01-15T10:05:00Z')}`]);
    await waitFor(() => events('SuccessfulDelete').includes(`Deleted job replace-${minutes('2026-01-15T10:05:00Z')}`));
  });

  it('keeps successfulJobsHistoryLimit and failedJobsHistoryLimit finished Jobs', async () => {
    await t.client.create(cronJob('hist', { schedule: '* * * * *', successfulJobsHistoryLimit: 2, failedJobsHistoryLimit: 1 }));
    const made: string[] = [];
    for (let i = 1; i <= 4; i++) {
      await tick(60_000 + 100);
      const name = `hist-${minutes('2026-01-15T10:00:00Z') + i}`;
      await waitFor(() => jobs().includes(name), 5000, name);
      made.push(name);
      await finishJob(name, 'Complete');
      await waitFor(() => !getCj('hist').status?.active);
    }
    await waitFor(() => jobs().length === 2);
    expect(jobs()).toEqual(made.slice(2));
    for (let i = 5; i <= 6; i++) {
      await tick(60_000 + 100);
      const name = `hist-${minutes('2026-01-15T10:00:00Z') + i}`;
      await waitFor(() => jobs().includes(name), 5000, name);
      await finishJob(name, 'Failed');
    }
    await waitFor(() => jobs().length === 3);
    expect(jobs()).toEqual([...made.slice(2), `hist-${minutes('2026-01-15T10:06:00Z')}`]);
  });

  it('misses a run past startingDeadlineSeconds and does nothing while suspended', async () => {
    await t.client.create(cronJob('late', { suspend: true, startingDeadlineSeconds: 30 }));
    await tick(5 * 60_000 + 45_000);
    await t.settle();
    expect(jobs()).toEqual([]);
    await t.client.patch('batch/v1', 'CronJob', 'default', 'late', 'merge', { spec: { suspend: false } });
    await t.settle();
    expect(jobs()).toEqual([]);
    // The 10:05 run is outside the deadline window when the CronJob resumes at 10:05:45; 10:10 runs.
    await tick(4 * 60_000 + 20_000);
    await waitFor(() => jobs().length === 1);
    expect(jobs()).toEqual([`late-${minutes('2026-01-15T10:10:00Z')}`]);
  });

  it('runs schedules in spec.timeZone', async () => {
    await t.client.create(cronJob('tokyo', { schedule: '0 9 * * *', timeZone: 'Asia/Tokyo' }));

    await t.settle();
    await clock.set('2026-01-16T00:00:01Z');
    await waitFor(() => jobs().length === 1);
    const job = t.client.get('batch/v1', 'Job', 'default', jobs()[0]!);
    expect(job.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-01-16T09:00:00+09:00');

  });
});
