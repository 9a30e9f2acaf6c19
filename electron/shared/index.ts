// What every side of the desktop app shares: the bridge contract and the generic client that
// turns the wire protocol back into it. Pure code: no Node, no DOM, no Electron.
export type * from '../../core/bridge/contract.js';
export type { ClientMessage, ServerMessage } from '../../core/bridge/protocol.js';
export { REQUEST_NAMES, SUBSCRIPTION_NAMES } from '../../core/bridge/methods.js';
export { createBridgeClient, type MessageTransport, type BridgeClientOptions } from './bridge-client.js';
export { IPC_CHANNEL } from './ipc-channel.js';
