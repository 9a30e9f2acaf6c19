import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakePodStreams } from './testing/fake-pod-streams.js';
import { KubectlRunner } from './testing/kubectl-runner.js';
import { echoServer, hashServer, httpGet, httpServer, kubectlUnderTest, ProcessOutput, tcpExchange, type LocalServer } from './testing/net-helpers.js';
import { runningStatus, startStreamingCluster, type StreamingCluster } from './testing/streaming-cluster.js';

const kubectl = kubectlUnderTest();

// SPDY tunnelled in a WebSocket is kubectl's default; plain SPDY is its fallback.
const TRANSPORTS: { name: string; env: Record<string, string>; upgrade: string }[] = [
  { name: 'SPDY over WebSocket', env: {}, upgrade: 'websocket' },
  { name: 'plain SPDY/3.1', env: { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' }, upgrade: 'spdy/3.1' },
];

describe.skipIf(!kubectl.available)(`pods/portforward with the real ${kubectl.label}`, { timeout: 60_000 }, () => {
  let env: StreamingCluster;
  let k: KubectlRunner;
  let web: LocalServer;
  let echo: LocalServer;
  let hash: LocalServer;
  const fake = new FakePodStreams();
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    env = await startStreamingCluster(fake);
    k = new KubectlRunner(env.kubeconfig, env.dir, kubectl.version);
    web = await httpServer();
    echo = await echoServer();
    hash = await hashServer();
    fake.ports.set(80, web.port);
    fake.ports.set(7, echo.port);
    fake.ports.set(8, hash.port);
    await env.pod('web', { nodeName: 'skiff', containers: [{ name: 'main', image: 'nginx', ports: [{ containerPort: 80 }] }] }, runningStatus(['main']));
  }, 60_000);

  afterEach(() => {
    for (const p of running.splice(0)) p.kill('SIGKILL');
  });

  afterAll(async () => {
    await web?.close();
    await echo?.close();
    await hash?.close();
    await env?.stop();
  });

  async function forward(ports: string[], transportEnv: Record<string, string>): Promise<{ p: ChildProcess; out: ProcessOutput; local: number[] }> {
    const p = k.spawn(['port-forward', 'pod/web', ...ports], transportEnv);
    running.push(p);
    const out = new ProcessOutput(p);
    const local: number[] = [];
    for (const port of ports) {
      const m = await out.waitFor(new RegExp(`Forwarding from 127\\.0\\.0\\.1:(\\d+) -> ${port.split(':')[1]}`));
      local.push(Number(m[1]));
    }
    return { p, out, local };
  }

  describe.each(TRANSPORTS)('over $name', ({ env: transportEnv, upgrade }) => {
    it('carries HTTP requests, one after another', async () => {
      env.upgrades.length = 0;
      const { p, local } = await forward([':80'], transportEnv);
      const before = web.connections;
      for (let i = 0; i < 3; i++) {
        const r = await httpGet(local[0], `/try-${i}`);
        expect(r).toEqual({ status: 200, body: `hello from the pod: GET /try-${i} 0` });
      }
      expect(web.connections - before).toBe(3);
      expect(p.exitCode).toBeNull();
      // One session for all three connections, over the transport under test.
      expect(env.upgrades).toEqual([`portforward ${upgrade}`]);
    });

    it('carries concurrent connections on one tunnel', async () => {
      const { local } = await forward([':80'], transportEnv);
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => httpGet(local[0], `/concurrent-${i}`)));
      expect(results.map((r) => r.body)).toEqual(Array.from({ length: 8 }, (_, i) => `hello from the pod: GET /concurrent-${i} 0`));
    });

    it('forwards several ports at once, and raw TCP both ways', async () => {
      const { local } = await forward([':80', ':7'], transportEnv);
      const got = await tcpExchange(local[1], 'ping', (b) => b.toString() === 'echo:ping');
      expect(got.toString()).toBe('echo:ping');
      expect((await httpGet(local[0], '/')).status).toBe(200);
    });

    it("carries megabytes both ways intact, ending on the client's half-close", async () => {
      const { local } = await forward([':8'], transportEnv);
      const data = randomBytes(4 * 1024 * 1024);
      const got = await tcpExchange(local[0], data, undefined, { halfClose: true });
      const newline = got.indexOf(0x0a);
      expect(got.subarray(0, newline).toString()).toBe(createHash('sha256').update(data).digest('hex'));
      expect(got.subarray(newline + 1).equals(data)).toBe(true);
    });

    it('passes a client half-close on to the pod and still returns the answer', async () => {
      const { local } = await forward([':80'], transportEnv);
      const answer = await tcpExchange(local[0], 'GET /half HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', undefined, { halfClose: true });
      expect(answer.toString()).toContain('hello from the pod: GET /half 0');
    });

    it('reports a port nobody listens on, as kubectl expects', async () => {
      const { p, out, local } = await forward([':9'], transportEnv);
      const exited = new Promise<number | null>((resolve) => p.on('exit', resolve));
      const answer = await tcpExchange(local[0], 'hello').catch(() => Buffer.alloc(0));
      expect(answer.length).toBe(0);
      // kubectl logs the error stream's text, then gives up the whole forward.
      await out.waitFor(/error forwarding port 9 to pod web_default, uid [\w-]+: dial tcp4 127\.0\.0\.1:9: connect: connection refused/);
      await out.waitFor(/lost connection to pod/);
      expect(await exited).not.toBe(0);
    });
  });

  it('refuses a WebSocket client that does not offer the tunnel protocol', async () => {
    const r = await env.request('GET', '/api/v1/namespaces/default/pods/web/portforward', {
      Connection: 'Upgrade',
      Upgrade: 'websocket',
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Protocol': 'v4.channel.k8s.io',
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).message).toContain('requested protocol(s) are not supported');
  });

  it('says clearly that there is no kubelet', async () => {
    env.setStreams(undefined);
    try {
      const r = await k.run(['port-forward', 'pod/web', ':80'], { timeoutMs: 20_000 });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('this cluster runs without a kubelet');
    } finally {
      env.setStreams(fake);
    }
  });
});
