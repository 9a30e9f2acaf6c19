import { describe, expect, it } from 'vitest';
import { BridgeConnection, type SkiffBridge } from '../../core/bridge/index.js';
import { createBridgeClient, type MessageTransport, type ServerMessage } from '../shared/index.js';

/** A transport wired straight to a server-side connection, through JSON as on the wire. */
function loopback(bridge: SkiffBridge): { transport: MessageTransport; drop(): void; back(): void } {
  let listener: (m: ServerMessage) => void = () => {};
  const reconnects: (() => void)[] = [];
  const disconnects: (() => void)[] = [];
  let conn = new BridgeConnection(bridge, (m) => listener(JSON.parse(JSON.stringify(m))));
  return {
    transport: {
      send: (m) => conn.handle(JSON.parse(JSON.stringify(m))),
      onMessage: (l) => (listener = l),
      onReconnect: (l) => reconnects.push(l),
      onDisconnect: (l) => disconnects.push(l),
    },
    drop() {
      conn.close();
      disconnects.forEach((l) => l());
    },
    back() {
      conn = new BridgeConnection(bridge, (m) => listener(JSON.parse(JSON.stringify(m))));
      reconnects.forEach((l) => l());
    },
  };
}

describe('bridge client over a connection, as over IPC', () => {
  const server = {
    getClusterInfo: async () => ({ phase: 'running' }),
    get: async () => {
      throw Object.assign(new Error('x'), { status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 404, message: 'pods "p" not found' } });
    },
    onDidChangeSettings: (l: (v: unknown) => void) => {
      l({ n: 1 });
      return () => {};
    },
  } as unknown as SkiffBridge;

  it('turns calls into promises and Status failures into errors that carry them', async () => {
    const client = createBridgeClient(loopback(server).transport);
    expect(await client.getClusterInfo()).toEqual({ phase: 'running' });
    await expect(client.get({ apiVersion: 'v1', kind: 'Pod', name: 'p' })).rejects.toMatchObject({ name: 'BridgeError', message: 'pods "p" not found', status: { code: 404 } });
  });

  it('delivers subscription events and subscribes again after a reconnect', async () => {
    const link = loopback(server);
    const client = createBridgeClient(link.transport);
    const seen: unknown[] = [];
    const off = client.onDidChangeSettings((v) => seen.push(v));
    expect(seen).toEqual([{ n: 1 }]);
    link.drop();
    link.back();
    expect(seen).toEqual([{ n: 1 }, { n: 1 }]);
    off();
    expect(() => (client.onDidChangeSettings as unknown as () => void)()).toThrow(/listener/);
  });
});
