import { describe, expect, it } from 'vitest';
import type { SkiffBridge } from '../../core/bridge/index.js';
import { IPC_CHANNEL, type ServerMessage } from '../shared/index.js';
import { serveBridgeOverIpc, type IpcMainLike, type IpcPeer } from './ipc-bridge.js';

function fakePeer(id: number) {
  const sent: ServerMessage[] = [];
  const handlers = new Map<string, () => void>();
  const peer: IpcPeer = {
    id,
    send: (_channel, m) => sent.push(m),
    isDestroyed: () => false,
    once: (event, l) => void handlers.set(event, l),
  };
  return { peer, sent, fire: (event: string) => handlers.get(event)?.() };
}

describe('bridge over IPC', () => {
  let listener: Parameters<IpcMainLike['on']>[1] = () => {};
  const ipc: IpcMainLike = { on: (channel, l) => channel === IPC_CHANNEL && (listener = l) };
  let live = 0;
  const bridge = {
    getClusterInfo: async () => ({ phase: 'running' }),
    onDidChangeCluster: (l: (v: unknown) => void) => {
      live++;
      l({ phase: 'running' });
      return () => live--;
    },
  } as unknown as SkiffBridge;
  serveBridgeOverIpc(ipc, bridge, (url) => url.startsWith('file:///app/out/renderer/'));

  it('serves its own pages and ignores any other', async () => {
    const own = fakePeer(1);
    listener({ sender: own.peer, senderFrame: { url: 'file:///app/out/renderer/index.html' } }, { t: 'call', id: 1, method: 'getClusterInfo', args: [] });
    const stranger = fakePeer(2);
    listener({ sender: stranger.peer, senderFrame: { url: 'https://example.com/' } }, { t: 'call', id: 1, method: 'getClusterInfo', args: [] });
    listener({ sender: own.peer, senderFrame: { url: 'file:///app/out/renderer/index.html' } }, { t: 'bogus' });
    await new Promise((r) => setImmediate(r));
    expect(own.sent).toEqual([{ t: 'result', id: 1, ok: true, value: { phase: 'running' } }]);
    expect(stranger.sent).toEqual([]);
  });

  it('drops a window’s subscriptions when it reloads or closes', () => {
    const win = fakePeer(3);
    const frame = { url: 'file:///app/out/renderer/index.html' };
    listener({ sender: win.peer, senderFrame: frame }, { t: 'sub', id: 5, topic: 'onDidChangeCluster', args: [] });
    listener({ sender: win.peer, senderFrame: frame }, { t: 'sub', id: 6, topic: 'onDidChangeCluster', args: [] });
    expect(live).toBe(2);
    win.fire('did-navigate');
    expect(live).toBe(0);
    listener({ sender: win.peer, senderFrame: frame }, { t: 'sub', id: 1, topic: 'onDidChangeCluster', args: [] });
    expect(live).toBe(1);
  });
});
