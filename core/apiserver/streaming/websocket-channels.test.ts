import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FakePodStreams } from './testing/fake-pod-streams.js';
import { runningStatus, startStreamingCluster, type StreamingCluster } from './testing/streaming-cluster.js';

interface Seen {
  frames: { binary: boolean; channel: number; payload: string }[];
  close: Promise<{ code: number; reason: string }>;
}

/** The channel protocol checked frame by frame, with a WebSocket client of our own. */
describe('exec over the WebSocket channel protocol', { timeout: 30_000 }, () => {
  let env: StreamingCluster;
  const fake = new FakePodStreams();

  beforeAll(async () => {
    env = await startStreamingCluster(fake);
    await env.pod('web', { nodeName: 'skiff', containers: [{ name: 'main', image: 'busybox' }] }, runningStatus(['main']));
  }, 60_000);

  afterAll(async () => {
    await env?.stop();
  });

  function open(query: string, protocols: string[]): { ws: WebSocket; seen: Seen; opened: Promise<void> } {
    const ws = new WebSocket(`wss://127.0.0.1:${env.port}/api/v1/namespaces/default/pods/web/exec?${query}`, protocols, { ...env.tls, perMessageDeflate: false });
    const frames: Seen['frames'] = [];
    ws.on('message', (data: Buffer, binary: boolean) => frames.push({ binary, channel: data[0], payload: data.subarray(1).toString() }));
    const close = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    const opened = new Promise<void>((resolve, reject) => {
      ws.on('open', () => resolve());
      ws.on('error', reject);
    });
    return { ws, seen: { frames, close }, opened };
  }

  it('sends only binary frames, the status on channel 3, then close 1000', async () => {
    const { ws, seen, opened } = open('command=sh&command=-c&command=echo%20out;%20echo%20err%20%3E%262;%20exit%202&stdout=true&stderr=true', ['v5.channel.k8s.io']);
    await opened;
    expect(ws.protocol).toBe('v5.channel.k8s.io');
    expect(ws.extensions).toBe('');
    expect(await seen.close).toEqual({ code: 1000, reason: '' });
    expect(seen.frames.every((f) => f.binary)).toBe(true);
    expect(seen.frames.filter((f) => f.channel === 1).map((f) => f.payload).join('')).toBe('out\n');
    expect(seen.frames.filter((f) => f.channel === 2).map((f) => f.payload).join('')).toBe('err\n');
    const last = seen.frames.at(-1)!;
    expect(last.channel).toBe(3);
    expect(JSON.parse(last.payload)).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c echo out; echo err >&2; exit 2], exit code 2',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '2' }] },
    });
    // Never the v5 close signal: kubectl 1.33 does not know stream 255.
    expect(seen.frames.some((f) => f.channel === 255)).toBe(false);
  });

  it('answers pings with pongs carrying the same payload while a command runs', async () => {
    const { ws, seen, opened } = open('command=sleep&command=1&stdout=true', ['v5.channel.k8s.io']);
    await opened;
    const pong = new Promise<string>((resolve) => ws.once('pong', (d: Buffer) => resolve(d.toString())));
    ws.ping('heartbeat-1');
    expect(await pong).toBe('heartbeat-1');
    await seen.close;
    expect(JSON.parse(seen.frames.at(-1)!.payload)).toEqual({ metadata: {}, status: 'Success' });
  });

  it('closes the process stdin on [255, 0] and takes resizes split across messages', async () => {
    fake.resizes.length = 0;
    const { ws, seen, opened } = open('command=cat&stdin=true&stdout=true&tty=true', ['v5.channel.k8s.io']);
    await opened;
    ws.send(Buffer.concat([Buffer.of(4), Buffer.from('{"Width":80,')]));
    ws.send(Buffer.concat([Buffer.of(4), Buffer.from('"Height":24}\n{"Width":100,"Height":50}\n')]));
    ws.send(Buffer.concat([Buffer.of(0), Buffer.from('typed\n')]));
    ws.send(Buffer.of(255, 0));
    await seen.close;
    expect(seen.frames.filter((f) => f.channel === 1).map((f) => f.payload).join('')).toBe('typed\n');
    expect(fake.resizes).toEqual([
      [80, 24],
      [100, 50],
    ]);
  });

  it('speaks v4 too (no close signal), and picks the first protocol the client offers that it knows', async () => {
    const { ws, seen, opened } = open('command=echo&command=v4&stdout=true', ['base64.channel.k8s.io', 'v4.channel.k8s.io', 'v5.channel.k8s.io']);
    await opened;
    expect(ws.protocol).toBe('v4.channel.k8s.io');
    expect((await seen.close).code).toBe(1000);
    expect(seen.frames.filter((f) => f.channel === 1).map((f) => f.payload).join('')).toBe('v4\n');
  });

  it('refuses, with a Status and no upgrade, a client that offers no protocol it knows', async () => {
    const ws = new WebSocket(`wss://127.0.0.1:${env.port}/api/v1/namespaces/default/pods/web/exec?command=true&stdout=true`, ['channel.k8s.io'], { ...env.tls });
    const res = await new Promise<{ status: number; body: string }>((resolve) => {
      ws.on('unexpected-response', (_req, r: IncomingMessage) => {
        let body = '';
        r.on('data', (c) => (body += c));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
      });
      ws.on('error', () => {});
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest' });
  });

  it('answers a request without an upgrade like upstream', async () => {
    for (const sub of ['exec?command=true&stdout=true', 'attach?stdout=true', 'portforward']) {
      const r = await env.request('POST', `/api/v1/namespaces/default/pods/web/${sub}`);
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body).message).toBe('Upgrade request required');
    }
  });

  it('refuses a request that asks for no stream at all', async () => {
    const r = await env.request('GET', '/api/v1/namespaces/default/pods/web/exec?command=true', { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Protocol': 'v5.channel.k8s.io' });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).message).toBe('you must specify at least 1 of stdin, stdout, stderr');
  });
});
