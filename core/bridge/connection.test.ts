import { describe, expect, it } from 'vitest';
import { StatusError } from '../api/errors.js';
import type { SkiffBridge } from './contract.js';
import { BridgeConnection } from './connection.js';
import type { ServerMessage } from './protocol.js';

function fakeBridge(): { bridge: SkiffBridge; unsubscribed: number[] } {
  const unsubscribed: number[] = [];
  let n = 0;
  const bridge = {
    getClusterInfo: async () => ({ phase: 'running' }),
    get: async () => {
      throw new StatusError(404, 'NotFound', 'pods "x" not found');
    },
    applyYaml: () => {
      throw new Error('boom');
    },
    onDidChangeCluster: (listener: (i: unknown) => void) => {
      const me = ++n;
      listener({ phase: 'running', me });
      return () => unsubscribed.push(me);
    },
  } as unknown as SkiffBridge;
  return { bridge, unsubscribed };
}

async function settle(): Promise<void> {
  await new Promise((r) => setImmediate(r));
}

describe('bridge connection', () => {
  it('answers calls with values and failures with Kubernetes Status objects', async () => {
    const out: ServerMessage[] = [];
    const c = new BridgeConnection(fakeBridge().bridge, (m) => out.push(m));
    c.handle({ t: 'call', id: 1, method: 'getClusterInfo', args: [] });
    c.handle({ t: 'call', id: 2, method: 'get', args: [{}] });
    c.handle({ t: 'call', id: 3, method: 'applyYaml', args: ['x'] });
    await settle();
    expect(out).toContainEqual({ t: 'result', id: 1, ok: true, value: { phase: 'running' } });
    expect(out).toContainEqual({ t: 'result', id: 2, ok: false, status: expect.objectContaining({ kind: 'Status', code: 404, reason: 'NotFound' }) });
    expect(out).toContainEqual({ t: 'result', id: 3, ok: false, status: expect.objectContaining({ code: 500, message: 'boom' }) });
  });

  it('refuses names outside the contract, prototype members included', async () => {
    const out: ServerMessage[] = [];
    const c = new BridgeConnection(fakeBridge().bridge, (m) => out.push(m));
    c.handle({ t: 'call', id: 1, method: 'constructor', args: [] });
    c.handle({ t: 'call', id: 2, method: 'dispose', args: [] });
    c.handle({ t: 'sub', id: 3, topic: 'toString', args: [] });
    await settle();
    expect(out.map((m) => (m.t === 'result' && !m.ok ? m.status.code : m.t === 'end' ? m.status?.code : 0))).toEqual([404, 404, 404]);
  });

  it('streams subscription events under the client’s id and drops them all on close', () => {
    const out: ServerMessage[] = [];
    const { bridge, unsubscribed } = fakeBridge();
    const c = new BridgeConnection(bridge, (m) => out.push(m));
    c.handle({ t: 'sub', id: 7, topic: 'onDidChangeCluster', args: [] });
    c.handle({ t: 'sub', id: 8, topic: 'onDidChangeCluster', args: [] });
    expect(out).toEqual([
      { t: 'event', id: 7, data: { phase: 'running', me: 1 } },
      { t: 'event', id: 8, data: { phase: 'running', me: 2 } },
    ]);
    c.handle({ t: 'unsub', id: 7 });
    expect(unsubscribed).toEqual([1]);
    c.close();
    expect(unsubscribed).toEqual([1, 2]);
    expect(c.subscriptionCount).toBe(0);
  });
});
