import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakePodStreams } from './testing/fake-pod-streams.js';
import { KubectlRunner } from './testing/kubectl-runner.js';
import { kubectlUnderTest, waitForOutput } from './testing/net-helpers.js';
import { runningStatus, startStreamingCluster, type StreamingCluster } from './testing/streaming-cluster.js';

const kubectl = kubectlUnderTest();

describe.skipIf(!kubectl.available)(`pods/log with the real ${kubectl.label}`, { timeout: 60_000 }, () => {
  let env: StreamingCluster;
  let k: KubectlRunner;
  const fake = new FakePodStreams();

  beforeAll(async () => {
    env = await startStreamingCluster(fake);
    k = new KubectlRunner(env.kubeconfig, env.dir, kubectl.version);
    const one = { nodeName: 'skiff', containers: [{ name: 'main', image: 'busybox' }] };
    const two = { nodeName: 'skiff', containers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox' }] };
    await env.pod('web', one, runningStatus(['main']));
    await env.pod('duo', two, runningStatus(['a', 'b']));
    await env.pod('duo-default', two, runningStatus(['a', 'b']), { 'kubectl.kubernetes.io/default-container': 'b' });
    await env.pod('starting', one, { phase: 'Pending', containerStatuses: [{ name: 'main', ready: false, restartCount: 0, image: 'busybox', imageID: '', state: { waiting: { reason: 'ContainerCreating' } } }] });
    await env.pod('unscheduled', { containers: [{ name: 'main', image: 'busybox' }] }, { phase: 'Pending' });
    const t0 = Date.now() - 60_000;
    for (let i = 1; i <= 5; i++) fake.writeLog('default/web', 'main', `line ${i}`, new Date(t0 + i * 1000));
    fake.writeLog('default/duo', 'b', 'from b');
    fake.writeLog('default/duo-default', 'b', 'default b');
  }, 60_000);

  afterAll(async () => {
    await env?.stop();
  });

  it('prints the whole log', async () => {
    const r = await k.run(['logs', 'web']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('line 1\nline 2\nline 3\nline 4\nline 5\n');
    expect(r.code).toBe(0);
  });

  it('passes --tail and --timestamps through', async () => {
    const r = await k.run(['logs', 'web', '--tail=2', '--timestamps']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z line 4$/);
    expect(fake.logCalls.at(-1)!.opts).toMatchObject({ tailLines: 2, timestamps: true, follow: false });
  });

  it('passes --since, --limit-bytes and --previous on', async () => {
    await k.run(['logs', 'web', '--since=1h']);
    expect(fake.logCalls.at(-1)!.opts.sinceSeconds).toBe(3600);
    const r = await k.run(['logs', 'web', '--limit-bytes=8']);
    // The server enforces the limit even if the kubelet sent more.
    expect(r.stdout).toBe('line 1\nl');
    const prev = await k.run(['logs', 'web', '--previous']);
    expect(prev.code).not.toBe(0);
    expect(prev.stderr).toContain('previous terminated container "main" in pod "web" not found');
  });

  it('follows: lines appear as they are written, and the command ends with the container', async () => {
    const p = k.spawn(['logs', '-f', 'web', '--tail=1']);
    try {
      await waitForOutput(p, /line 5\n/);
      fake.writeLog('default/web', 'main', 'live one');
      await waitForOutput(p, /live one\n/);
      fake.writeLog('default/web', 'main', 'live two');
      await waitForOutput(p, /live two\n/);
      const exited = new Promise<number | null>((resolve) => p.on('exit', resolve));
      fake.endLog('default/web', 'main');
      expect(await exited).toBe(0);
    } finally {
      p.kill('SIGKILL');
    }
  });

  it('stops asking the kubelet when the client goes away', async () => {
    fake.writeLog('default/duo', 'a', 'a starts');
    const p = k.spawn(['logs', '-f', 'duo', '-c', 'a']);
    await waitForOutput(p, /a starts/);
    expect(fake.followers('default/duo', 'a')).toBe(1);
    const call = fake.logCalls.at(-1)!;
    p.kill('SIGKILL');
    await expect.poll(() => call.signal.aborted, { timeout: 5000 }).toBe(true);
    await expect.poll(() => fake.followers('default/duo', 'a'), { timeout: 5000 }).toBe(0);
  });

  it('picks the container from -c or the default-container annotation', async () => {
    expect((await k.run(['logs', 'duo', '-c', 'b'])).stdout).toBe('from b\n');
    expect((await k.run(['logs', 'duo-default'])).stdout).toBe('default b\n');
    // Other clients than kubectl get the annotation honoured by the server too.
    const raw = await env.request('GET', '/api/v1/namespaces/default/pods/duo-default/log');
    expect(raw.status).toBe(200);
    expect(raw.body).toBe('default b\n');
  });

  it('refuses to guess among several containers, and rejects unknown ones', async () => {
    const raw = await env.request('GET', '/api/v1/namespaces/default/pods/duo/log');
    expect(raw.status).toBe(400);
    expect(JSON.parse(raw.body)).toMatchObject({ kind: 'Status', reason: 'BadRequest', message: 'a container name must be specified for pod duo, choose one of: [a b]' });
    const r = await k.run(['logs', 'web', '-c', 'nope']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('container nope is not valid for pod web');
  });

  it('answers a container that has not started like the kubelet', async () => {
    const r = await k.run(['logs', 'starting']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Error from server (BadRequest): container "main" in pod "starting" is waiting to start: ContainerCreating');
  });

  it('answers an unscheduled pod with an empty log, as upstream', async () => {
    const r = await k.run(['logs', 'unscheduled']);
    expect(r).toMatchObject({ code: 0, stdout: '' });
  });

  it('answers a missing pod with NotFound', async () => {
    const r = await k.run(['logs', 'ghost']);
    expect(r.stderr).toContain('pods "ghost" not found');
  });

  it('validates options as upstream', async () => {
    const bad = async (query: string) => {
      const r = await env.request('GET', `/api/v1/namespaces/default/pods/web/log?${query}`);
      return { ...JSON.parse(r.body), http: r.status };
    };
    expect(await bad('tailLines=-1')).toMatchObject({ http: 422, reason: 'Invalid', message: 'PodLogOptions "web" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0' });
    expect(await bad('limitBytes=0')).toMatchObject({ http: 422, message: 'PodLogOptions "web" is invalid: limitBytes: Invalid value: 0: must be greater than 0' });
    expect(await bad('sinceSeconds=0')).toMatchObject({ http: 422, message: 'PodLogOptions "web" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0' });
    expect(await bad('sinceSeconds=5&sinceTime=2024-01-01T00:00:00Z')).toMatchObject({ http: 422, message: 'PodLogOptions "web" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified' });
    expect(await bad('tailLines=abc')).toMatchObject({ http: 400, reason: 'BadRequest' });
    expect(await bad('sinceTime=yesterday')).toMatchObject({ http: 400, reason: 'BadRequest' });
    const ok = await env.request('GET', '/api/v1/namespaces/default/pods/web/log?sinceTime=2024-01-01T10:00:00.5%2B02:00&timestamps=1');
    expect(ok.status).toBe(200);
    expect(fake.logCalls.at(-1)!.opts).toMatchObject({ sinceTime: '2024-01-01T08:00:00Z', timestamps: true });
  });

  it('streams the response as chunked text/plain', async () => {
    const r = await env.request('GET', '/api/v1/namespaces/default/pods/web/log?tailLines=1');
    expect(r.headers['content-type']).toBe('text/plain');
    expect(r.headers['transfer-encoding']).toBe('chunked');
  });

  it('says clearly that there is no kubelet', async () => {
    env.setStreams(undefined);
    try {
      const r = await k.run(['logs', 'web']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('Error from server (ServiceUnavailable): cannot read the logs of pod "web": this cluster runs without a kubelet');
    } finally {
      env.setStreams(fake);
    }
  });
});
