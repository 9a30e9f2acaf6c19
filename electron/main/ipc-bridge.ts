// The bridge over Electron IPC: one connection per window (webContents), closed with it, so
// a closed or reloaded window drops its watches, log streams and terminals.
import { BridgeConnection, isClientMessage, type SkiffBridge } from '../../core/bridge/index.js';
import { IPC_CHANNEL, type ServerMessage } from '../shared/index.js';

/** The part of a webContents the bridge uses. */
export interface IpcPeer {
  readonly id: number;
  send(channel: string, message: ServerMessage): void;
  isDestroyed(): boolean;
  once(event: 'destroyed' | 'did-navigate' | 'render-process-gone', listener: () => void): void;
}

/** The part of ipcMain the bridge uses. */
export interface IpcMainLike {
  on(channel: string, listener: (event: { sender: IpcPeer; senderFrame?: { url: string } | null }, message: unknown) => void): void;
}

export function serveBridgeOverIpc(ipc: IpcMainLike, bridge: SkiffBridge, isTrusted: (url: string) => boolean): void {
  const connections = new Map<number, BridgeConnection>();
  ipc.on(IPC_CHANNEL, (event, message) => {
    // Only our own pages may talk to the cluster, never a page navigated elsewhere.
    if (!event.senderFrame || !isTrusted(event.senderFrame.url)) return;
    if (!isClientMessage(message)) return;
    const peer = event.sender;
    let conn = connections.get(peer.id);
    if (!conn) {
      const c = new BridgeConnection(bridge, (m) => {
        if (!peer.isDestroyed()) peer.send(IPC_CHANNEL, m);
      });
      conn = c;
      connections.set(peer.id, c);
      const drop = () => {
        c.close();
        if (connections.get(peer.id) === c) connections.delete(peer.id);
      };
      peer.once('destroyed', drop);
      peer.once('render-process-gone', drop);
      // A reload commits a new document that subscribes afresh; the old one's subscriptions go.
      // (did-navigate is for whole documents only: the router's hash changes do not fire it.)
      peer.once('did-navigate', drop);
    }
    conn.handle(message);
  });
}
