import { afterEach, beforeEach, expect, it } from 'vitest';
import { rfc3339 } from '../../util/clock.js';
import { startTestCluster, waitFor, type TestCluster } from '../testing/harness.js';
import { FakeClock } from '../testing/fake-clock.js';
import { startTtlAfterFinishedController } from './ttl-after-finished-controller.js';

let t: TestCluster;
let clock: FakeClock;
beforeEach(async () => {
  clock = new FakeClock();
  t = await startTestCluster({ clock });
  t.run(startTtlAfterFinishedController);
});
afterEach(() => t.stop());

async function finishedJob(name: string, ttl?: number) {
  const job = await t.client.create({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: { ...(ttl !== undefined ? { ttlSecondsAfterFinished: ttl } : {}), template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
  });
  const now = rfc3339(clock.now());
  await t.client.updateStatus({ ...job, status: { startTime: now, completionTime: now, succeeded: 1, conditions: [{ type: 'Complete', status: 'True', lastProbeTime: now, lastTransitionTime: now }] } });
}
const exists = (name: string) => !!t.client.find('batch/v1', 'Job', 'default', name);

it('deletes a finished Job ttlSecondsAfterFinished after it finished, and only such Jobs', async () => {
  await finishedJob('short', 60);
  await finishedJob('keep');
  await t.settle();
  await clock.advance(59_000);
  await t.settle();
  expect(exists('short')).toBe(true);
  await clock.advance(2_000);
  await waitFor(() => !exists('short') || t.client.get('batch/v1', 'Job', 'default', 'short').metadata.deletionTimestamp);
  expect(exists('keep')).toBe(true);
});
