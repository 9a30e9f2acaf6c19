import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakePodStreams } from './testing/fake-pod-streams.js';
import { KubectlRunner } from './testing/kubectl-runner.js';
import { kubectlUnderTest } from './testing/net-helpers.js';
import { runningStatus, startStreamingCluster, type StreamingCluster } from './testing/streaming-cluster.js';

const kubectl = kubectlUnderTest();

// Every case runs over WebSocket (kubectl's default) and over the SPDY fallback it uses
// when WebSockets are off or the server refuses them.
const TRANSPORTS: { name: string; env: Record<string, string>; upgrade: string }[] = [
  { name: 'WebSocket v5', env: {}, upgrade: 'websocket' },
  { name: 'SPDY/3.1', env: { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' }, upgrade: 'spdy/3.1' },
];

describe.skipIf(!kubectl.available)(`pods/exec and pods/attach with the real ${kubectl.label}`, { timeout: 60_000 }, () => {
  let env: StreamingCluster;
  let k: KubectlRunner;
  const fake = new FakePodStreams();

  beforeAll(async () => {
    env = await startStreamingCluster(fake);
    k = new KubectlRunner(env.kubeconfig, env.dir, kubectl.version);
    await env.pod('web', { nodeName: 'skiff', containers: [{ name: 'main', image: 'busybox', stdin: true }] }, runningStatus(['main']));
    await env.pod('ghosted', { nodeName: 'skiff', containers: [{ name: 'ghost', image: 'busybox' }] }, runningStatus(['ghost']));
    await env.pod('unscheduled', { containers: [{ name: 'main', image: 'busybox' }] }, { phase: 'Pending' });
    fake.missing.add('ghost');
  }, 60_000);

  afterAll(async () => {
    await env?.stop();
  });

  describe.each(TRANSPORTS)('over $name', ({ env: transportEnv, upgrade }) => {
    const run = (args: string[], input?: string | Buffer) => k.run(args, { env: transportEnv, input });

    it('prints the output and exits 0', async () => {
      env.upgrades.length = 0;
      const r = await run(['exec', 'web', '--', 'echo', 'hi']);
      expect(r).toMatchObject({ code: 0, stdout: 'hi\n', stderr: '' });
      // The transport under test is the one kubectl used, with no fallback in between.
      expect(env.upgrades).toEqual([`exec ${upgrade}`]);
      expect(fake.execCalls.at(-1)).toMatchObject({ pod: 'default/web', container: 'main', opts: { command: ['echo', 'hi'], stdin: false, stdout: true, stderr: true, tty: false } });
    });

    it('keeps stdout and stderr apart', async () => {
      const r = await run(['exec', 'web', '--', 'sh', '-c', 'echo out; echo err >&2']);
      expect(r).toMatchObject({ code: 0, stdout: 'out\n', stderr: 'err\n' });
    });

    it("exits with the command's exit code", async () => {
      const r = await run(['exec', 'web', '--', 'sh', '-c', 'exit 3']);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('command terminated with exit code 3');
    });

    it('reports a command that cannot start', async () => {
      const r = await run(['exec', 'web', '--', 'no-such-binary-here']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('executable file not found');
    });

    it('feeds stdin and closes it at EOF', async () => {
      const r = await run(['exec', '-i', 'web', '--', 'cat'], 'in\n');
      expect(r).toMatchObject({ code: 0, stdout: 'in\n' });
    });

    it('carries a megabyte of binary stdin and stdout intact', async () => {
      const data = randomBytes(1024 * 1024);
      const r = await k.run(['exec', '-i', 'web', '--', 'sh', '-c', 'cat | sha256sum'], { env: transportEnv, input: data, timeoutMs: 60_000 });
      const { createHash } = await import('node:crypto');
      expect(r.code).toBe(0);
      expect(r.stdout.split(' ')[0]).toBe(createHash('sha256').update(data).digest('hex'));
    });

    it('runs an interactive shell on a terminal, with its size', async () => {
      fake.resizes.length = 0;
      const r = await k.runInPty(['exec', '-it', 'web', '--', 'sh'], 'echo $((6*7))\nexit 5\n', { cols: 100, rows: 30, env: transportEnv });
      expect(r.stdout).toContain('42');
      expect(r.code).toBe(5);
      expect(fake.execCalls.at(-1)!.opts).toMatchObject({ tty: true, stdin: true, stderr: false });
      expect(fake.resizes).toContainEqual([100, 30]);
    });

    it('copies files in and out with kubectl cp (tar over exec)', async () => {
      const dir = path.join(env.dir, `cp-${transportEnv.KUBECTL_REMOTE_COMMAND_WEBSOCKETS ?? 'ws'}`);
      mkdirSync(path.join(dir, 'local'), { recursive: true });
      mkdirSync(path.join(dir, 'pod'), { recursive: true });
      const payload = randomBytes(200_000).toString('base64');
      writeFileSync(path.join(dir, 'local', 'up.txt'), payload);
      const up = await k.run(['cp', path.join(dir, 'local', 'up.txt'), `web:${path.join(dir, 'pod', 'up.txt')}`], { env: transportEnv });
      expect(up.stderr).toBe('');
      expect(up.code).toBe(0);
      expect(readFileSync(path.join(dir, 'pod', 'up.txt'), 'utf8')).toBe(payload);

      writeFileSync(path.join(dir, 'pod', 'down.txt'), 'from the pod\n');
      const down = await k.run(['cp', `web:${path.join(dir, 'pod', 'down.txt')}`, path.join(dir, 'local', 'down.txt')], { env: transportEnv });
      expect(down.code).toBe(0);
      expect(readFileSync(path.join(dir, 'local', 'down.txt'), 'utf8')).toBe('from the pod\n');
    });

    it('attaches to the running process', async () => {
      const r = await run(['attach', '-i', 'web'], 'through attach\n');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('through attach');
    });

    it('refuses an unknown container before upgrading', async () => {
      const r = await run(['exec', 'web', '-c', 'nope', '--', 'true']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('container nope is not valid for pod web');
    });

    it("passes on the kubelet's refusal", async () => {
      const r = await run(['exec', 'ghosted', '--', 'true']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('container not found ("ghost")');
    });

    it('refuses a pod without a node', async () => {
      const r = await run(['exec', 'unscheduled', '--', 'true']);
      expect(r.stderr).toContain('pod unscheduled does not have a host assigned');
    });

    it('says clearly that there is no kubelet', async () => {
      env.setStreams(undefined);
      try {
        const r = await run(['exec', 'web', '--', 'true']);
        expect(r.code).not.toBe(0);
        expect(r.stderr).toContain('this cluster runs without a kubelet');
      } finally {
        env.setStreams(fake);
      }
    });
  });
});
