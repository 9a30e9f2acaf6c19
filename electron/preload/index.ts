// The renderer's only way to the main process: the bridge contract, built from the shared
// name lists over one IPC channel, exposed as `window.skiff`. Nothing else crosses.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridgeClient, IPC_CHANNEL, type ServerMessage, type Status } from '../shared/index.js';

const bridge = createBridgeClient(
  {
    send: (message) => ipcRenderer.send(IPC_CHANNEL, message),
    onMessage: (listener) => ipcRenderer.on(IPC_CHANNEL, (_event, message: ServerMessage) => listener(message)),
  },
  // contextBridge copies plain objects whole but Errors only by message: send the Status.
  { makeError: (status: Status) => ({ name: 'BridgeError', message: status.message ?? 'request failed', status }) },
);

contextBridge.exposeInMainWorld('skiff', bridge);
