import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakePodStreams } from './testing/fake-pod-streams.js';
import { KubectlRunner } from './testing/kubectl-runner.js';
import { httpGet, httpServer, kubectlUnderTest, ProcessOutput, type LocalServer } from './testing/net-helpers.js';
import { runningStatus, startStreamingCluster, type StreamingCluster } from './testing/streaming-cluster.js';

// The full suites run against one kubectl (SKIFF_KUBECTL, default 1.34); this walks the
// main path of every streaming protocol with each supported minor, since client-go's
// defaults and fallbacks moved between them.
const VERSIONS = ['1.33', '1.34', '1.35'].map((v) => kubectlUnderTest(v));

describe.each(VERSIONS)('streaming smoke test with the real $label', ({ version, available }) => {
  let env: StreamingCluster;
  let k: KubectlRunner;
  let web: LocalServer;
  const fake = new FakePodStreams();
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    if (!available) return;
    env = await startStreamingCluster(fake);
    k = new KubectlRunner(env.kubeconfig, env.dir, version);
    web = await httpServer();
    fake.ports.set(80, web.port);
    await env.pod('web', { nodeName: 'skiff', containers: [{ name: 'main', image: 'busybox' }] }, runningStatus(['main']));
    fake.writeLog('default/web', 'main', 'first');
  }, 60_000);

  afterAll(async () => {
    for (const p of running) p.kill('SIGKILL');
    await web?.close();
    await env?.stop();
  });

  it.skipIf(!available)('follows logs', { timeout: 30_000 }, async () => {
    const p = k.spawn(['logs', '-f', 'web']);
    running.push(p);
    const out = new ProcessOutput(p);
    await out.waitFor(/first\n/);
    fake.writeLog('default/web', 'main', 'second');
    await out.waitFor(/second\n/);
    fake.endLog('default/web', 'main');
  });

  it.skipIf(!available)('execs over WebSocket and over SPDY, with stdin and exit codes', { timeout: 30_000 }, async () => {
    for (const env of [{}, { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' }] as Record<string, string>[]) {
      expect(await k.run(['exec', '-i', 'web', '--', 'cat'], { env, input: 'round trip\n' })).toMatchObject({ code: 0, stdout: 'round trip\n' });
      const r = await k.run(['exec', 'web', '--', 'sh', '-c', 'exit 7'], { env });
      expect(r.code).toBe(7);
    }
  });

  it.skipIf(!available)('forwards a port over WebSocket and over SPDY', { timeout: 30_000 }, async () => {
    for (const env of [{}, { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' }] as Record<string, string>[]) {
      const p = k.spawn(['port-forward', 'pod/web', ':80'], env);
      running.push(p);
      const m = await new ProcessOutput(p).waitFor(/Forwarding from 127\.0\.0\.1:(\d+) -> 80/);
      for (let i = 0; i < 2; i++) expect((await httpGet(Number(m[1]), `/v${version}`)).body).toBe(`hello from the pod: GET /v${version} 0`);
      p.kill('SIGKILL');
    }
  });
});
