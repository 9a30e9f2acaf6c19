import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.js';
import { startKubelet, type Kubelet } from './kubelet.js';
import { SimulatedRuntime, type SimulatedRuntimeConfig } from './runtime/simulated-runtime.js';
import { FakeClock, settle } from './testing/fake-clock.js';
import { eventually, testPod } from './testing/pods.js';
import { startTestCluster, type TestCluster } from './testing/test-cluster.js';

const NODE = 'sim-node';

describe('kubelet on the simulated runtime', () => {
  let tc: TestCluster;
  let clock: FakeClock;
  let runtime: SimulatedRuntime;
  let kubelet: Kubelet | undefined;

  beforeEach(async () => {
    clock = new FakeClock(Date.now());
    tc = await startTestCluster({ clock });
  });

  afterEach(async () => {
    kubelet?.stop();
    kubelet = undefined;
    await tc.close();
  });

  async function start(rt: SimulatedRuntimeConfig = {}): Promise<Kubelet> {
    runtime = new SimulatedRuntime({ clock, images: ['pause:1', 'app:1'], ...rt });
    kubelet = startKubelet(tc.ctx, {
      nodeName: NODE,
      dataDir: tc.dataDir,
      pauseImage: 'pause:1',
      apiServer: { host: '10.0.0.1', port: 6443, caCert: tc.caCert },
      issueToken: tc.issueToken,
      runtime,
      nodeIP: '192.168.1.10',
    });
    await kubelet.started;
    return kubelet;
  }

  const get = (name: string): KubeObject | undefined => tc.ctx.client.find('v1', 'Pod', 'default', name);
  const create = (p: KubeObject) => tc.ctx.client.create(p);
  const containersOf = (podName: string) => [...runtime.containers.values()].filter((c) => c.spec.labels['io.kubernetes.pod.name'] === podName);

  it('registers the node with capacity, labels, conditions and a lease', async () => {
    await start();
    const node = tc.ctx.client.get('v1', 'Node', undefined, NODE);
    expect(node.metadata.labels).toMatchObject({ 'kubernetes.io/hostname': NODE, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'node-role.kubernetes.io/control-plane': '' });
    expect(node.status.capacity).toMatchObject({ cpu: '4', pods: '110', memory: `${8 * 1024 * 1024}Ki` });
    expect(node.status.nodeInfo).toMatchObject({ kubeletVersion: 'v1.34.0', containerRuntimeVersion: 'simulated://0.0.0-sim', operatingSystem: 'linux', architecture: 'amd64' });
    expect(node.status.addresses).toEqual([
      { type: 'InternalIP', address: '192.168.1.10' },
      { type: 'Hostname', address: NODE },
    ]);
    const ready = node.status.conditions.find((c: any) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(node.status.conditions.map((c: any) => c.type).sort()).toEqual(['DiskPressure', 'MemoryPressure', 'PIDPressure', 'Ready']);
    const lease = tc.ctx.client.get('coordination.k8s.io/v1', 'Lease', 'kube-node-lease', NODE);
    expect(lease.spec).toMatchObject({ holderIdentity: NODE, leaseDurationSeconds: 40 });
    const first = lease.spec.renewTime;
    await clock.advance(10_000);
    await eventually(() => tc.ctx.client.get('coordination.k8s.io/v1', 'Lease', 'kube-node-lease', NODE).spec.renewTime !== first, { what: 'lease renewal' });
  });

  it('turns the node NotReady while the runtime is unreachable and Ready when it returns', async () => {
    await start();
    runtime.unreachable = true;
    await clock.advance(10_000);
    const readyOf = () => tc.ctx.client.get('v1', 'Node', undefined, NODE).status.conditions.find((c: any) => c.type === 'Ready');
    await eventually(() => readyOf().status === 'False', { what: 'NotReady' });
    expect(readyOf().reason).toBe('KubeletNotReady');
    expect(readyOf().message).toMatch(/container runtime is down/);
    runtime.unreachable = false;
    await clock.advance(10_000);
    await eventually(() => readyOf().status === 'True', { what: 'Ready again' });
  });

  it('runs a pod to Running and Ready with an IP and a full status', async () => {
    await start();
    await create(testPod('web', NODE, { containers: [{ name: 'app', image: 'app:1', imagePullPolicy: 'IfNotPresent' }] }));
    const pod = await eventually(() => (get('web')?.status?.conditions?.find((c: any) => c.type === 'Ready')?.status === 'True' ? get('web') : undefined), { what: 'Ready' });
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.podIP).toMatch(/^10\.244\.0\.\d+$/);
    expect(pod.status.podIPs).toEqual([{ ip: pod.status.podIP }]);
    expect(pod.status.hostIP).toBe('192.168.1.10');
    expect(pod.status.qosClass).toBe('BestEffort');
    expect(pod.status.startTime).toBeTruthy();
    expect(pod.status.conditions.map((c: any) => c.type).sort()).toEqual(['ContainersReady', 'Initialized', 'PodReadyToStartContainers', 'PodScheduled', 'Ready']);
    const cs = pod.status.containerStatuses[0];
    expect(cs).toMatchObject({ name: 'app', ready: true, started: true, restartCount: 0, image: 'app:1' });
    expect(cs.containerID).toMatch(/^docker:\/\/[0-9a-f]{64}$/);
    expect(cs.imageID).toMatch(/^sha256:/);
    expect(cs.state.running.startedAt).toBeTruthy();
    const names = containersOf('web').map((c) => c.spec.name).sort();
    expect(names).toEqual([`k8s_POD_web_default_${pod.metadata.uid}_0`, `k8s_app_web_default_${pod.metadata.uid}_0`]);
    const app = containersOf('web').find((c) => c.spec.labels['io.kubernetes.container.name'] === 'app')!;
    expect(app.spec.labels).toMatchObject({ 'io.kubernetes.docker.type': 'container', 'skiff.managed': 'true', 'io.kubernetes.pod.namespace': 'default' });
    expect(app.spec.networkMode).toMatch(/^container:/);
    expect(app.spec.env).toContain('KUBERNETES_SERVICE_HOST=10.0.0.1');
  });

  it('backs off a crashing container: immediate, then 10s, 20s, 40s, with CrashLoopBackOff', async () => {
    await start({ behavior: (s) => (s.labels['io.kubernetes.container.name'] === 'crash' ? { exitAfterMs: 0, exitCode: 1 } : {}) });
    await create(testPod('crashy', NODE, { containers: [{ name: 'crash', image: 'app:1', imagePullPolicy: 'IfNotPresent' }] }));
    const status = () => get('crashy')?.status?.containerStatuses?.[0];
    const startsOf = () => containersOf('crashy').filter((c) => c.spec.labels['io.kubernetes.container.name'] === 'crash').length;
    await eventually(() => status()?.restartCount === 1, { what: 'first restart' });
    await eventually(() => status()?.state?.waiting?.reason === 'CrashLoopBackOff', { what: 'CrashLoopBackOff' });
    expect(status().state.waiting.message).toMatch(/^back-off 10s restarting failed container=crash pod=crashy_default\(/);
    expect(status().lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    await clock.advance(9_000);
    await settle();
    expect(status().restartCount).toBe(1);
    await clock.advance(1_500);
    await eventually(() => status()?.restartCount === 2, { what: 'second restart after 10s' });
    await eventually(() => status()?.state?.waiting?.message?.startsWith('back-off 20s'), { what: '20s back-off' });
    await clock.advance(19_000);
    await settle();
    expect(status().restartCount).toBe(2);
    await clock.advance(1_500);
    await eventually(() => status()?.restartCount === 3, { what: 'third restart after 20s' });
    await eventually(() => status()?.state?.waiting?.message?.startsWith('back-off 40s'), { what: '40s back-off' });
    expect(startsOf()).toBeLessThanOrEqual(2);
    expect(get('crashy')!.status.phase).toBe('Running');
    const events = tc.ctx.client.list('v1', 'Event', 'default').items.filter((e) => e.involvedObject.name === 'crashy');
    expect(events.map((e) => e.reason)).toEqual(expect.arrayContaining(['Created', 'Started', 'BackOff']));
  });

  it('reaches Succeeded and Failed with restartPolicy Never', async () => {
    await start({ behavior: (s) => ({ exitAfterMs: 0, exitCode: s.labels['io.kubernetes.pod.name'] === 'ok' ? 0 : 3 }) });
    await create(testPod('ok', NODE, { restartPolicy: 'Never', containers: [{ name: 'c', image: 'app:1', imagePullPolicy: 'IfNotPresent' }] }));
    await create(testPod('bad', NODE, { restartPolicy: 'Never', containers: [{ name: 'c', image: 'app:1', imagePullPolicy: 'IfNotPresent' }] }));
    await eventually(() => get('ok')?.status?.phase === 'Succeeded', { what: 'Succeeded' });
    await eventually(() => get('bad')?.status?.phase === 'Failed', { what: 'Failed' });
    expect(get('ok')!.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(get('bad')!.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(get('ok')!.status.conditions.find((c: any) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
  });

  it('runs init containers in order before the app, then reports Initialized', async () => {
    await start({ behavior: (s) => (s.labels['skiff.container.kind'] === 'init' ? { exitAfterMs: 1000, exitCode: 0 } : {}) });
    await create(
      testPod('inits', NODE, {
        initContainers: [
          { name: 'one', image: 'app:1', imagePullPolicy: 'IfNotPresent' },
          { name: 'two', image: 'app:1', imagePullPolicy: 'IfNotPresent' },
        ],
        containers: [{ name: 'main', image: 'app:1', imagePullPolicy: 'IfNotPresent' }],
      }),
    );
    await eventually(() => get('inits')?.status?.initContainerStatuses?.[0]?.state?.running, { what: 'first init running' });
    let pod = get('inits')!;
    expect(pod.status.phase).toBe('Pending');
    expect(pod.status.initContainerStatuses[1].state.waiting.reason).toBe('ContainerCreating');
    expect(pod.status.containerStatuses[0].state.waiting.reason).toBe('PodInitializing');
    expect(pod.status.conditions.find((c: any) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized' });
    await clock.advance(1000);
    await eventually(() => get('inits')?.status?.initContainerStatuses?.[1]?.state?.running, { what: 'second init running' });
    expect(get('inits')!.status.initContainerStatuses[0].state.terminated.reason).toBe('Completed');
    await clock.advance(1000);
    pod = await eventually(() => (get('inits')?.status?.phase === 'Running' ? get('inits') : undefined), { what: 'Running' });
    expect(pod.status.conditions.find((c: any) => c.type === 'Initialized').status).toBe('True');
  });

  it('keeps a sidecar init container running next to the app', async () => {
    await start();
    await create(
      testPod('side', NODE, {
        initContainers: [{ name: 'proxy', image: 'app:1', imagePullPolicy: 'IfNotPresent', restartPolicy: 'Always' }],
        containers: [{ name: 'main', image: 'app:1', imagePullPolicy: 'IfNotPresent' }],
      }),
    );
    const pod = await eventually(() => (get('side')?.status?.conditions?.find((c: any) => c.type === 'Ready')?.status === 'True' ? get('side') : undefined), { what: 'Ready' });
    expect(pod.status.initContainerStatuses[0]).toMatchObject({ name: 'proxy', ready: true, started: true });
    expect(pod.status.initContainerStatuses[0].state.running).toBeTruthy();
  });

  it('restarts a container whose liveness probe fails, and readiness gates Ready', async () => {
    let healthy = true;
    await start({ exec: (_c, cmd) => ({ exitCode: cmd[0] === 'live' ? (healthy ? 0 : 1) : 0, stdout: healthy ? '' : 'not alive' }) });
    await create(
      testPod('probed', NODE, {
        containers: [
          {
            name: 'app',
            image: 'app:1',
            imagePullPolicy: 'IfNotPresent',
            livenessProbe: { exec: { command: ['live'] }, periodSeconds: 1, failureThreshold: 2 },
            readinessProbe: { exec: { command: ['ready'] }, periodSeconds: 1 },
          },
        ],
      }),
    );
    const st = () => get('probed')?.status?.containerStatuses?.[0];
    await eventually(() => st()?.state?.running, { what: 'running' });
    expect(st().ready).toBe(false);
    await clock.advance(1000);
    await eventually(() => st()?.ready === true, { what: 'ready after readiness probe' });
    healthy = false;
    await clock.advance(1000);
    await clock.advance(1000);
    await eventually(() => st()?.restartCount === 1, { what: 'liveness restart' });
    const events = tc.ctx.client.list('v1', 'Event', 'default').items.filter((e) => e.involvedObject.name === 'probed');
    expect(events.find((e) => e.reason === 'Unhealthy')?.message).toMatch(/^Liveness probe failed: not alive/);
    expect(events.find((e) => e.reason === 'Killing')?.message).toBe('Container app failed liveness probe, will be restarted');
  });

  it('reports image pull errors with back-off and ErrImageNeverPull', async () => {
    await start({ pullErrors: { 'missing:1': 'pull access denied for missing, repository does not exist' } });
    await create(testPod('pull', NODE, { containers: [{ name: 'c', image: 'missing:1', imagePullPolicy: 'IfNotPresent' }] }));
    await create(testPod('never', NODE, { containers: [{ name: 'c', image: 'absent:1', imagePullPolicy: 'Never' }] }));
    const st = (n: string) => get(n)?.status?.containerStatuses?.[0]?.state?.waiting;
    await eventually(() => st('pull')?.reason === 'ErrImagePull', { what: 'ErrImagePull' });
    expect(st('pull').message).toMatch(/pull access denied/);
    await eventually(() => st('never')?.reason === 'ErrImageNeverPull', { what: 'ErrImageNeverPull' });
    await clock.advance(5_000);
    await eventually(() => st('pull')?.reason === 'ImagePullBackOff', { what: 'ImagePullBackOff' });
    expect(st('pull').message).toBe('Back-off pulling image "missing:1"');
  });

  it('reports CreateContainerConfigError for a missing configMap key and recovers once it exists', async () => {
    await start();
    await create(testPod('cfg', NODE, { containers: [{ name: 'c', image: 'app:1', imagePullPolicy: 'IfNotPresent', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'conf', key: 'x' } } }] }] }));
    const st = () => get('cfg')?.status?.containerStatuses?.[0]?.state;
    await eventually(() => st()?.waiting?.reason === 'CreateContainerConfigError', { what: 'config error' });
    expect(st().waiting.message).toBe('configmap "conf" not found');
    await create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'conf', namespace: 'default' }, data: { x: 'hello' } });
    await eventually(() => st()?.running, { what: 'running after the configmap appears' });
    const app = containersOf('cfg').find((c) => c.spec.labels['io.kubernetes.container.name'] === 'c')!;
    expect(app.spec.env).toContain('X=hello');
  });

  it('stops a deleted pod, removes its containers and deletes it with grace 0', async () => {
    await start();
    await create(testPod('gone', NODE, { containers: [{ name: 'c', image: 'app:1', imagePullPolicy: 'IfNotPresent' }] }));
    await eventually(() => get('gone')?.status?.phase === 'Running', { what: 'Running' });
    await tc.ctx.client.delete('v1', 'Pod', 'default', 'gone');
    await eventually(() => !get('gone'), { what: 'pod removed from the API' });
    await eventually(() => containersOf('gone').length === 0, { what: 'containers removed' });
  });

  it('adopts the containers a previous kubelet left, without duplicates, keeping restart counts', async () => {
    await start({ behavior: (s) => (s.labels['io.kubernetes.container.name'] === 'flaky' ? { exitAfterMs: 0, exitCode: 1 } : {}) });
    await create(testPod('keep', NODE, { containers: [{ name: 'c', image: 'app:1', imagePullPolicy: 'IfNotPresent' }] }));
    await eventually(() => get('keep')?.status?.phase === 'Running', { what: 'Running' });
    const before = containersOf('keep').map((c) => c.id).sort();
    const uid = get('keep')!.metadata.uid!;
    kubelet!.stop();
    // An orphan of a pod deleted while Skiff was down.
    await runtime.createContainer({ name: 'k8s_POD_old_default_dead_0', image: 'pause:1', labels: { 'skiff.managed': 'true', 'skiff.node': NODE, 'io.kubernetes.pod.uid': 'dead', 'io.kubernetes.docker.type': 'podsandbox' }, env: [], mounts: [] });
    const rt = runtime;
    kubelet = startKubelet(tc.ctx, { nodeName: NODE, dataDir: tc.dataDir, pauseImage: 'pause:1', apiServer: { host: '10.0.0.1', port: 6443, caCert: tc.caCert }, issueToken: tc.issueToken, runtime: rt, nodeIP: '192.168.1.10' });
    await kubelet.started;
    await kubelet.idle();
    expect(containersOf('keep').map((c) => c.id).sort()).toEqual(before);
    expect([...rt.containers.values()].some((c) => c.spec.labels['io.kubernetes.pod.uid'] === 'dead')).toBe(false);
    expect(get('keep')!.metadata.uid).toBe(uid);
    expect(get('keep')!.status.containerStatuses[0].restartCount).toBe(0);
  });
});
