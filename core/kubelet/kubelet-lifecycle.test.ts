import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.js';
import { startKubelet, type Kubelet } from './kubelet.js';
import { SimulatedRuntime } from './runtime/simulated-runtime.js';
import { FakeClock } from './testing/fake-clock.js';
import { eventually, testPod } from './testing/pods.js';
import { startTestCluster, type TestCluster } from './testing/test-cluster.js';

const NODE = 'sim-node';

describe('kubelet lifecycle on the simulated runtime', () => {
  let tc: TestCluster;
  let clock: FakeClock;
  let runtime: SimulatedRuntime;
  let kubelet: Kubelet;

  beforeEach(async () => {
    clock = new FakeClock(Date.now());
    tc = await startTestCluster({ clock });
    runtime = new SimulatedRuntime({ clock, images: ['pause:1', 'app:1'] });
    kubelet = startKubelet(tc.ctx, { nodeName: NODE, dataDir: tc.dataDir, pauseImage: 'pause:1', apiServer: { host: '10.0.0.1', port: 6443, caCert: tc.caCert }, issueToken: tc.issueToken, runtime, nodeIP: '192.168.1.10' });
    await kubelet.started;
  });

  afterEach(async () => {
    kubelet.stop();
    await tc.close();
  });

  const get = (name: string): KubeObject | undefined => tc.ctx.client.find('v1', 'Pod', 'default', name);
  const running = () => [...runtime.containers.values()].filter((c) => c.state === 'running');

  it('runs static pods from manifests with a mirror pod, and removes them with the file', async () => {
    const file = path.join(tc.dataDir, 'manifests', 'static-web.yaml');
    writeFileSync(file, ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: static-web', 'spec:', '  containers:', '  - name: web', '    image: app:1', '    imagePullPolicy: IfNotPresent', ''].join('\n'));
    await clock.advance(20_000);
    const mirror = await eventually(() => (get(`static-web-${NODE}`)?.status?.phase === 'Running' ? get(`static-web-${NODE}`) : undefined), { what: 'mirror pod Running' });
    expect(mirror.metadata.annotations?.['kubernetes.io/config.mirror']).toMatch(/^[0-9a-f]{32}$/);
    expect(mirror.metadata.annotations?.['kubernetes.io/config.source']).toBe('file');
    expect(mirror.spec.nodeName).toBe(NODE);
    expect(mirror.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: NODE });
    const hash = mirror.metadata.annotations!['kubernetes.io/config.mirror'];
    expect(running().every((c) => c.spec.labels['io.kubernetes.pod.uid'] === hash)).toBe(true);
    expect(running().length).toBe(2);
    const logs = await kubelet.streams.logs(mirror, 'web', { follow: false, previous: false, timestamps: false }, new AbortController().signal);
    logs.resume();

    rmSync(file);
    await clock.advance(20_000);
    await eventually(() => !get(`static-web-${NODE}`), { what: 'mirror pod removed' });
    await eventually(() => runtime.containers.size === 0, { what: 'static pod containers removed' });
  });

  it('terminates a pod held by a finalizer: containers stop, phase settles, nothing restarts', async () => {
    await tc.ctx.client.create(testPod('held', NODE, { containers: [{ name: 'c', image: 'app:1', imagePullPolicy: 'IfNotPresent' }] }, { finalizers: ['example.com/hold'] }));
    await eventually(() => get('held')?.status?.phase === 'Running', { what: 'Running' });
    await tc.ctx.client.delete('v1', 'Pod', 'default', 'held');
    expect(get('held')!.metadata.deletionTimestamp).toBeTruthy();
    await eventually(() => running().length === 0, { what: 'containers stopped' });
    await eventually(() => get('held')?.status?.phase === 'Failed', { what: 'Failed after SIGKILL' });
    const cs = get('held')!.status.containerStatuses[0];
    expect(cs.state.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(cs.ready).toBe(false);
    const events = tc.ctx.client.list('v1', 'Event', 'default').items.filter((e) => e.involvedObject.name === 'held');
    expect(events.some((e) => e.reason === 'Killing' && e.message === 'Stopping container c')).toBe(true);
    await clock.advance(30_000);
    expect(running().length).toBe(0);
  });

  it('stops every pod container on stopAllPods and restarts them in a fresh sandbox afterwards', async () => {
    await tc.ctx.client.create(testPod('a', NODE, { containers: [{ name: 'c', image: 'app:1', imagePullPolicy: 'IfNotPresent' }] }));
    await eventually(() => get('a')?.status?.phase === 'Running', { what: 'Running' });
    kubelet.stop();
    await kubelet.stopAllPods();
    expect(running().length).toBe(0);
    kubelet = startKubelet(tc.ctx, { nodeName: NODE, dataDir: tc.dataDir, pauseImage: 'pause:1', apiServer: { host: '10.0.0.1', port: 6443, caCert: tc.caCert }, issueToken: tc.issueToken, runtime, nodeIP: '192.168.1.10' });
    await kubelet.started;
    await eventually(() => get('a')?.status?.containerStatuses?.[0]?.state?.running && get('a')!.status.containerStatuses[0].restartCount === 1, { what: 'restarted in a new sandbox' });
    expect(running().length).toBe(2);
    await kubelet.removeAllContainers();
    expect(runtime.containers.size).toBe(0);
  });

  it('honours readiness gates', async () => {
    await tc.ctx.client.create(testPod('gated', NODE, { readinessGates: [{ conditionType: 'example.com/ok' }], containers: [{ name: 'c', image: 'app:1', imagePullPolicy: 'IfNotPresent' }] }));
    const ready = () => get('gated')?.status?.conditions?.find((c: any) => c.type === 'Ready');
    await eventually(() => ready()?.reason === 'ReadinessGatesNotReady', { what: 'gate not ready' });
    expect(ready().message).toBe('corresponding condition of pod readiness gate "example.com/ok" does not exist.');
    const pod = get('gated')!;
    await tc.ctx.client.updateStatus({ ...pod, status: { ...pod.status, conditions: [...pod.status.conditions, { type: 'example.com/ok', status: 'True' }] } });
    await eventually(() => ready()?.status === 'True', { what: 'Ready through the gate' });
    expect(get('gated')!.status.conditions.some((c: any) => c.type === 'example.com/ok')).toBe(true);
  });
});
