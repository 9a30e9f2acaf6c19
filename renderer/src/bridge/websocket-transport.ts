// Web mode's transport: the bridge protocol over one WebSocket to the page's own server,
// reconnecting with back-off when it drops (skiff up restarting, a laptop waking up).
import type { ClientMessage, MessageTransport, ServerMessage } from '../../../electron/shared/index.js';

export interface ConnectionState {
  connected: boolean;
}

export function websocketTransport(url: string, onState: (s: ConnectionState) => void): MessageTransport {
  let ws: WebSocket | undefined;
  let queue: string[] = [];
  let delay = 250;
  let everOpened = false;
  const messageListeners: ((m: ServerMessage) => void)[] = [];
  const reconnectListeners: (() => void)[] = [];
  const disconnectListeners: (() => void)[] = [];

  const connect = () => {
    const socket = new WebSocket(url);
    ws = socket;
    socket.onopen = () => {
      delay = 250;
      onState({ connected: true });
      if (everOpened) for (const l of reconnectListeners) l();
      everOpened = true;
      for (const m of queue) socket.send(m);
      queue = [];
    };
    socket.onmessage = (e) => {
      const m = JSON.parse(String(e.data)) as ServerMessage;
      for (const l of messageListeners) l(m);
    };
    socket.onclose = () => {
      onState({ connected: false });
      for (const l of disconnectListeners) l();
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    };
  };
  connect();

  return {
    send(message: ClientMessage) {
      const text = JSON.stringify(message);
      if (ws?.readyState === WebSocket.OPEN) ws.send(text);
      // Subscriptions are re-sent on reconnect anyway; only calls wait in the queue.
      else if (message.t === 'call') queue.push(text);
      else if (!everOpened) queue.push(text);
    },
    onMessage: (l) => messageListeners.push(l),
    onReconnect: (l) => reconnectListeners.push(l),
    onDisconnect: (l) => disconnectListeners.push(l),
  };
}
