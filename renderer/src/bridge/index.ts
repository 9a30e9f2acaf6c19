// The renderer's one bridge: the preload's `window.skiff` in the desktop app, else a
// WebSocket client to the server that served this page. Nothing else knows which it is.
import { ref } from 'vue';
import { createBridgeClient, type SkiffBridge } from '../../../electron/shared/index.js';
import { websocketTransport } from './websocket-transport.js';

export type * from '../../../electron/shared/index.js';

/** False while web mode's WebSocket is down; always true in the desktop app. */
export const bridgeConnected = ref(true);

let bridge: SkiffBridge | undefined;

function webBridge(): SkiffBridge {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  // The page keeps working after a reload without the token in view: the server set a
  // cookie, and the token leaves the address bar so it is not shared by accident.
  if (token) history.replaceState(null, '', `${location.pathname}${location.hash}`);
  const url = `${proto}//${location.host}/api/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  return createBridgeClient(websocketTransport(url, (s) => (bridgeConnected.value = s.connected)));
}

export function useBridge(): SkiffBridge {
  bridge ??= window.skiff ?? webBridge();
  return bridge;
}
