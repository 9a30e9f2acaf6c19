import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.js';
import { startKubelet, type Kubelet } from './kubelet.js';
import { DockerRuntime } from './runtime/docker-runtime.js';
import { eventually, testPod } from './testing/pods.js';
import { TEST_IMAGE, TEST_PAUSE_COMMAND, docker, dockerStatus, ensureTestImage, removeNodeContainers } from './testing/test-image.js';
import { startTestCluster, type TestCluster } from './testing/test-cluster.js';

// In CI a missing daemon is a failure; on a developer's machine without Docker these skip.
const status = await dockerStatus();
const inCI = process.env.CI === 'true';
if (!status.ok && !inCI) console.warn(`skipping the kubelet's Docker tests: no Docker daemon (${status.reason})`);

const NODE = `docker-test-${randomBytes(3).toString('hex')}`;
const POLL = { timeoutMs: 60_000, intervalMs: 200 };

describe.skipIf(!status.ok && !inCI)('kubelet on the real Docker daemon', { timeout: 90_000 }, () => {
  let tc: TestCluster;
  let kubelet: Kubelet;
  const runtime = new DockerRuntime({});

  const config = () => ({
    nodeName: NODE,
    dataDir: tc.dataDir,
    pauseImage: TEST_IMAGE,
    pauseCommand: TEST_PAUSE_COMMAND,
    apiServer: { host: '172.17.0.1', port: 6443, caCert: tc.caCert },
    issueToken: tc.issueToken,
    runtime,
    backoffInitialMs: 1000,
    backoffMaxMs: 8000,
    resyncMs: 2000,
  });

  beforeAll(async () => {
    if (!status.ok) throw new Error(`Docker is required in CI: ${status.reason}`);
    await ensureTestImage();
    tc = await startTestCluster();
    kubelet = startKubelet(tc.ctx, config());
    await kubelet.started;
  }, 120_000);

  afterAll(async () => {
    kubelet?.stop();
    if (status.ok) await removeNodeContainers(NODE);
    await tc?.close();
  }, 60_000);

  const get = (name: string): KubeObject | undefined => tc.ctx.client.find('v1', 'Pod', 'default', name);
  const container = (name: string, command: string[], extra: Record<string, any> = {}) => ({ name, image: TEST_IMAGE, imagePullPolicy: 'Never', command, ...extra });
  const readyPod = (name: string) => eventually(() => (get(name)?.status?.conditions?.find((c: any) => c.type === 'Ready')?.status === 'True' ? get(name) : undefined), { ...POLL, what: `${name} Ready` });
  const ours = async (podName: string) => (await docker().listContainers({ all: true, filters: { label: [`skiff.node=${NODE}`, `io.kubernetes.pod.name=${podName}`] } }));

  async function exec(pod: KubeObject, c: string, command: string[]): Promise<{ out: string; code?: number }> {
    const s = await kubelet.streams.exec(pod, c, { command, stdin: false, stdout: true, stderr: true, tty: false });
    const out = await readAll(s.stdout!);
    const r = await s.done;
    return { out, code: r.exitCode };
  }

  it('runs a pod that gets Ready with an IP; its containers share localhost; logs, exec and port-forward work', async () => {
    await tc.ctx.client.create(
      testPod('web', NODE, {
        containers: [
          container('server', ['sh', '-c', 'echo hello-from-web > /tmp/index.html; echo server-started; exec httpd -f -p 8080 -h /tmp'], { ports: [{ containerPort: 8080 }], readinessProbe: { httpGet: { path: '/index.html', port: 8080 }, periodSeconds: 1 } }),
          container('client', ['sleep', '3600']),
        ],
      }),
    );
    const pod = await readyPod('web');
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    for (const cs of pod.status.containerStatuses) {
      expect(cs.containerID).toMatch(/^docker:\/\/[0-9a-f]{64}$/);
      expect(cs.imageID).toMatch(/^(sha256:|docker-pullable:\/\/)/);
    }
    const names = (await ours('web')).map((c) => c.Names[0]!.slice(1)).sort();
    expect(names).toEqual([`k8s_POD_web_default_${pod.metadata.uid}_0`, `k8s_client_web_default_${pod.metadata.uid}_0`, `k8s_server_web_default_${pod.metadata.uid}_0`]);

    const viaLocalhost = await exec(pod, 'client', ['wget', '-qO-', 'http://127.0.0.1:8080/index.html']);
    expect(viaLocalhost.out).toBe('hello-from-web\n');
    expect(viaLocalhost.code).toBe(0);
    expect((await exec(pod, 'client', ['sh', '-c', 'exit 7'])).code).toBe(7);

    const logs = await readAll(await kubelet.streams.logs(pod, 'server', { follow: false, previous: false, timestamps: false }, new AbortController().signal));
    expect(logs).toBe('server-started\n');
    const stamped = await readAll(await kubelet.streams.logs(pod, 'server', { follow: false, previous: false, timestamps: true, tailLines: 1, limitBytes: 10 }, new AbortController().signal));
    expect(stamped).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(stamped.length).toBe(10);

    const sock = await kubelet.streams.portForward(pod, 8080);
    sock.write('GET /index.html HTTP/1.0\r\n\r\n');
    const answer = await readAll(sock);
    expect(answer).toMatch(/^HTTP\/1\.[01] 200/);
    expect(answer).toContain('hello-from-web');
  });

  it('shows configMap and secret volumes and env inside, and a Secret update reaches the mounted file', async () => {
    await tc.ctx.client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { 'app.conf': 'mode=fast\n', colour: 'blue' } });
    await tc.ctx.client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'default' }, data: { password: Buffer.from('s3cret').toString('base64') } });
    await tc.ctx.client.create(
      testPod('config', NODE, {
        containers: [
          container('app', ['sleep', '3600'], {
            env: [
              { name: 'COLOUR', valueFrom: { configMapKeyRef: { name: 'settings', key: 'colour' } } },
              { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
              { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'GREETING', value: 'hi $(POD_NAME) in $(COLOUR)' },
            ],
            volumeMounts: [
              { name: 'conf', mountPath: '/etc/app' },
              { name: 'secret', mountPath: '/etc/creds', readOnly: true },
              { name: 'sa', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
            ],
          }),
        ],
        volumes: [
          { name: 'conf', configMap: { name: 'settings' } },
          { name: 'secret', secret: { secretName: 'creds' } },
          {
            name: 'sa',
            projected: {
              sources: [
                { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
                { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
                { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
              ],
            },
          },
        ],
      }),
    );
    const pod = await readyPod('config');
    expect((await exec(pod, 'app', ['cat', '/etc/app/app.conf'])).out).toBe('mode=fast\n');
    expect((await exec(pod, 'app', ['cat', '/etc/creds/password'])).out).toBe('s3cret');
    expect((await exec(pod, 'app', ['sh', '-c', 'echo "$COLOUR $PASSWORD $GREETING"'])).out).toBe('blue s3cret hi config in blue\n');
    expect((await exec(pod, 'app', ['sh', '-c', 'echo $KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT'])).out).toBe('172.17.0.1:6443\n');
    expect((await exec(pod, 'app', ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace'])).out).toBe('default');
    expect((await exec(pod, 'app', ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/token'])).out).toMatch(/^test-token\.default\.default\.config/);
    expect((await exec(pod, 'app', ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt'])).out).toContain('BEGIN CERTIFICATE');

    const secret = tc.ctx.client.get('v1', 'Secret', 'default', 'creds');
    await tc.ctx.client.update({ ...secret, data: { password: Buffer.from('rotated').toString('base64') } });
    await eventually(async () => (await exec(pod, 'app', ['cat', '/etc/creds/password'])).out === 'rotated', { ...POLL, what: 'the rotated secret in the file' });
    expect((await exec(pod, 'app', ['readlink', '/etc/creds/..data'])).out).toMatch(/^\.\.\d{4}_/);
  });

  it('backs off a crashing container with growing delays and reports CrashLoopBackOff', async () => {
    await tc.ctx.client.create(testPod('crash', NODE, { containers: [container('c', ['sh', '-c', 'echo dying; exit 2'])] }));
    const st = () => get('crash')?.status?.containerStatuses?.[0];
    await eventually(() => st()?.state?.waiting?.reason === 'CrashLoopBackOff' && st().restartCount >= 1, { ...POLL, what: 'CrashLoopBackOff' });
    expect(st().lastState.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    const seen: number[] = [];
    await eventually(
      () => {
        const m = /^back-off (\d+)s/.exec(st()?.state?.waiting?.message ?? '');
        if (m && !seen.includes(Number(m[1]))) seen.push(Number(m[1]));
        return seen.length >= 3;
      },
      { ...POLL, intervalMs: 100, what: 'three growing back-offs' },
    );
    expect(seen.slice(0, 3)).toEqual([seen[0], seen[0]! * 2, seen[0]! * 4]);
    const prev = await readAll(await kubelet.streams.logs(get('crash')!, 'c', { follow: false, previous: true, timestamps: false }, new AbortController().signal));
    expect(prev).toBe('dying\n');
  });

  it('restarts a container whose liveness probe fails', async () => {
    await tc.ctx.client.create(
      testPod('unhealthy', NODE, {
        containers: [container('c', ['sh', '-c', 'touch /tmp/ok; sleep 2; rm /tmp/ok; sleep 3600'], { livenessProbe: { exec: { command: ['cat', '/tmp/ok'] }, periodSeconds: 1, failureThreshold: 1 } })],
      }),
    );
    await eventually(() => get('unhealthy')?.status?.containerStatuses?.[0]?.restartCount >= 1, { ...POLL, what: 'a liveness restart' });
    const events = tc.ctx.client.list('v1', 'Event', 'default').items.filter((e) => e.involvedObject.name === 'unhealthy');
    expect(events.some((e) => e.reason === 'Unhealthy' && /^Liveness probe failed/.test(e.message))).toBe(true);
  });

  it('stops and removes the containers of a deleted pod', async () => {
    await tc.ctx.client.create(testPod('doomed', NODE, { containers: [container('c', ['sleep', '3600'])] }));
    await readyPod('doomed');
    expect((await ours('doomed')).length).toBe(2);
    await tc.ctx.client.delete('v1', 'Pod', 'default', 'doomed');
    await eventually(async () => !get('doomed') && (await ours('doomed')).length === 0, { ...POLL, what: 'containers removed' });
  });

  it('a new kubelet on the same data dir adopts running containers without duplicates', async () => {
    await tc.ctx.client.create(testPod('steady', NODE, { containers: [container('c', ['sleep', '3600'])] }));
    await readyPod('steady');
    const before = (await ours('steady')).map((c) => c.Id).sort();
    kubelet.stop();
    kubelet = startKubelet(tc.ctx, config());
    await kubelet.started;
    await new Promise((r) => setTimeout(r, 3000));
    await kubelet.idle();
    const after = await ours('steady');
    expect(after.map((c) => c.Id).sort()).toEqual(before);
    expect(after.every((c) => c.State === 'running')).toBe(true);
    expect(get('steady')!.status.containerStatuses[0]).toMatchObject({ ready: true, restartCount: 0 });
  });
});

function readAll(stream: Readable | NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}
