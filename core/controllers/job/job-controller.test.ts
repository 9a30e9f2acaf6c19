import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { startTestCluster, waitFor, type TestCluster } from '../testing/harness.js';
import { FakeClock } from '../testing/fake-clock.js';
import { finishTerminatingPods, setPodRunning, setPodTerminated } from '../testing/kubelet-double.js';
import { startJobController } from './job-controller.js';
import { formatIndexes, parseIndexes } from './indexes.js';

let t: TestCluster;
let clock: FakeClock;

async function setup() {
  clock = new FakeClock();
  t = await startTestCluster({ clock });
  finishTerminatingPods(t.client, t.informers);
  t.run(startJobController);
}
afterEach(() => t?.stop());

function job(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'default' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox' }] } }, ...spec } };
}

const getJob = (name: string) => t.client.get('batch/v1', 'Job', 'default', name);
const podsOf = (name: string) =>
  t.client
    .list('v1', 'Pod', 'default')
    .items.filter((p) => p.metadata.labels?.['job-name'] === name)
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
const activePods = (name: string) => podsOf(name).filter((p) => !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status?.phase));
const cond = (j: KubeObject, type: string) => (j.status?.conditions ?? []).find((c: { type: string }) => c.type === type);
const events = (reason: string) =>
  t.client
    .list('v1', 'Event', 'default')
    .items.filter((e) => e.reason === reason)
    .map((e) => e.message);

describe('Job controller', () => {
  it('runs pods up to parallelism until completions succeed, then reports SuccessCriteriaMet and Complete', async () => {
    await setup();
    const j = await t.client.create(job('pi', { completions: 3, parallelism: 2 }));
    await waitFor(() => activePods('pi').length === 2);
    const [first] = activePods('pi');
    expect(first.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(first.metadata.labels).toMatchObject({ 'batch.kubernetes.io/job-name': 'pi', 'batch.kubernetes.io/controller-uid': j.metadata.uid, 'job-name': 'pi' });
    expect(first.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Job', name: 'pi', controller: true, blockOwnerDeletion: true });
    await waitFor(() => getJob('pi').status?.active === 2);
    expect(getJob('pi').status).toMatchObject({ active: 2, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(getJob('pi').status.startTime).toBeDefined();
    await setPodTerminated(t.client, first, 0);
    await waitFor(() => getJob('pi').status?.succeeded === 1 && activePods('pi').length === 2);
    expect(t.client.get('v1', 'Pod', 'default', first.metadata.name!).metadata.finalizers).toBeUndefined();
    for (const p of activePods('pi')) await setPodTerminated(t.client, p, 0);
    await waitFor(() => cond(getJob('pi'), 'Complete'));
    const done = getJob('pi');
    expect(done.status).toMatchObject({ succeeded: 3, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(done.status.active).toBeUndefined();
    expect(done.status.completionTime).toBeDefined();
    expect(done.status.conditions.map((c: { type: string }) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(cond(done, 'Complete')).toMatchObject({ status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' });
    expect(podsOf('pi').every((p) => !p.metadata.finalizers)).toBe(true);
    await waitFor(() => events('Completed').length === 1);
    expect(events('Completed')).toEqual(['Job completed']);
    expect(events('SuccessfulCreate')).toHaveLength(3);
  });

  it('backs off 10 s, then 20 s, between failures and fails past backoffLimit', async () => {
    await setup();
    await t.client.create(job('flaky', { backoffLimit: 2 }));
    await waitFor(() => activePods('flaky').length === 1);
    await setPodTerminated(t.client, activePods('flaky')[0], 1);
    await waitFor(() => getJob('flaky').status?.failed === 1);
    await clock.advance(9_000);
    await t.settle();
    expect(activePods('flaky')).toHaveLength(0);
    await clock.advance(2_000);
    await waitFor(() => activePods('flaky').length === 1, 5000, 'replacement after 10 s');
    await setPodTerminated(t.client, activePods('flaky')[0], 1);
    await waitFor(() => getJob('flaky').status?.failed === 2);
    await clock.advance(15_000);
    await t.settle();
    expect(activePods('flaky')).toHaveLength(0);
    await clock.advance(6_000);
    await waitFor(() => activePods('flaky').length === 1, 5000, 'replacement after 20 s');
    await setPodTerminated(t.client, activePods('flaky')[0], 1);
    await waitFor(() => cond(getJob('flaky'), 'Failed'));
    const failed = getJob('flaky');
    expect(failed.status.failed).toBe(3);
    expect(failed.status.conditions.map((c: { type: string }) => c.type)).toEqual(['FailureTarget', 'Failed']);
    expect(cond(failed, 'Failed')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    await waitFor(() => events('BackoffLimitExceeded').length === 1);
  });

  it('runs Indexed jobs with one pod per index and tracks completedIndexes', async () => {
    await setup();
    await t.client.create(job('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    await waitFor(() => activePods('idx').length === 3);
    const pods = activePods('idx');
    const byIndex = new Map(pods.map((p) => [p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'], p]));
    expect([...byIndex.keys()].sort()).toEqual(['0', '1', '2']);
    const p1 = byIndex.get('1')!;
    expect(p1.metadata.name).toMatch(/^idx-1-[a-z0-9]{5}$/);
    expect(p1.metadata.labels?.['batch.kubernetes.io/job-completion-index']).toBe('1');
    expect(p1.spec.hostname).toBe('idx-1');
    expect(p1.spec.containers[0].env).toMatchObject([{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } }]);
    await setPodTerminated(t.client, p1, 0);
    await waitFor(() => getJob('idx').status?.completedIndexes === '1');
    // A failed index is retried with the same index.
    await setPodTerminated(t.client, byIndex.get('2')!, 1);
    await clock.advance(11_000);
    await waitFor(() => activePods('idx').some((p) => p.metadata.labels?.['batch.kubernetes.io/job-completion-index'] === '2'));
    for (const p of activePods('idx')) await setPodTerminated(t.client, p, 0);
    await waitFor(() => cond(getJob('idx'), 'Complete'));
    expect(getJob('idx').status).toMatchObject({ completedIndexes: '0-2', succeeded: 3, failed: 1 });
  });

  it('fails a job that outlives activeDeadlineSeconds and deletes its pods', async () => {
    await setup();
    await t.client.create(job('slow', { activeDeadlineSeconds: 30 }));
    await waitFor(() => activePods('slow').length === 1);
    await setPodRunning(t.client, activePods('slow')[0], { clock });
    await waitFor(() => getJob('slow').status?.ready === 1);
    await clock.advance(31_000);
    await waitFor(() => cond(getJob('slow'), 'Failed'));
    expect(cond(getJob('slow'), 'Failed')).toMatchObject({ reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
    expect(activePods('slow')).toHaveLength(0);
    expect(getJob('slow').status.failed).toBe(1);
  });

  it('suspends and resumes', async () => {
    await setup();
    await t.client.create(job('later', { suspend: true }));
    await waitFor(() => cond(getJob('later'), 'Suspended')?.status === 'True');
    expect(cond(getJob('later'), 'Suspended')).toMatchObject({ reason: 'JobSuspended', message: 'Job suspended' });
    expect(podsOf('later')).toHaveLength(0);
    expect(getJob('later').status.startTime).toBeUndefined();
    await t.client.patch('batch/v1', 'Job', 'default', 'later', 'merge', { spec: { suspend: false } });
    await waitFor(() => activePods('later').length === 1);
    await waitFor(() => cond(getJob('later'), 'Suspended')?.status === 'False');
    expect(cond(getJob('later'), 'Suspended')).toMatchObject({ reason: 'JobResumed', message: 'Job resumed' });
    await t.client.patch('batch/v1', 'Job', 'default', 'later', 'merge', { spec: { suspend: true } });
    await waitFor(() => activePods('later').length === 0 && cond(getJob('later'), 'Suspended')?.status === 'True');
  });

  it('applies podFailurePolicy: Ignore does not count, FailJob fails at once', async () => {
    await setup();
    const rules = [
      { action: 'Ignore', onExitCodes: { operator: 'In', values: [137] } },
      { action: 'FailJob', onExitCodes: { containerName: 'work', operator: 'In', values: [42] } },
    ];
    await t.client.create(job('policy', { backoffLimit: 6, podFailurePolicy: { rules } }));
    await waitFor(() => activePods('policy').length === 1);
    await setPodTerminated(t.client, activePods('policy')[0], 137);
    await waitFor(() => activePods('policy').length === 1);
    expect(getJob('policy').status.failed).toBeUndefined();
    const pod = activePods('policy')[0];
    await setPodTerminated(t.client, pod, 42);
    await waitFor(() => cond(getJob('policy'), 'Failed'));
    expect(cond(getJob('policy'), 'Failed')).toMatchObject({ reason: 'PodFailurePolicy', message: `Container work for pod default/${pod.metadata.name} failed with exit code 42 matching FailJob rule at index 1` });
  });

  it('lets the pods of a deleted Job go', async () => {
    await setup();
    await t.client.create(job('gone'));
    await waitFor(() => activePods('gone').length === 1);
    const [pod] = activePods('gone');
    await t.client.delete('batch/v1', 'Job', 'default', 'gone', { propagationPolicy: 'Orphan' });
    await waitFor(() => !t.client.find('v1', 'Pod', 'default', pod.metadata.name!)?.metadata.finalizers?.includes('batch.kubernetes.io/job-tracking'));
  });
});

describe('completed indexes', () => {
  it('formats and parses interval lists', () => {
    expect(formatIndexes([5, 0, 1, 2, 7, 8])).toBe('0-2,5,7-8');
    expect([...parseIndexes('0-2,5,7-8', 8)]).toEqual([0, 1, 2, 5, 7]);
  });
});
