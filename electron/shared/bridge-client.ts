// The contract rebuilt on the client side from the wire protocol: one function per request,
// one per subscription, made from the name lists so nothing is written twice. The same code
// runs in the preload (over IPC) and in a browser tab (over WebSocket).
import type { SkiffBridge, Status, Unsubscribe } from '../../core/bridge/contract.js';
import { REQUEST_NAMES, SUBSCRIPTION_NAMES } from '../../core/bridge/methods.js';
import type { ClientMessage, ServerMessage } from '../../core/bridge/protocol.js';

export interface MessageTransport {
  send(message: ClientMessage): void;
  onMessage(listener: (message: ServerMessage) => void): void;
  /** A transport that can drop and come back (WebSocket) reports each return. */
  onReconnect?(listener: () => void): void;
  /** And each loss, so calls in flight fail instead of hanging. */
  onDisconnect?(listener: () => void): void;
}

export interface BridgeClientOptions {
  /** What a rejected promise carries; by default an Error with `status`. */
  makeError?: (status: Status) => unknown;
}

interface Subscription {
  topic: string;
  args: unknown[];
  listener: (data: unknown) => void;
}

function defaultError(status: Status): Error {
  return Object.assign(new Error(status.message ?? 'request failed'), { name: 'BridgeError', status });
}

function lost(message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 503, reason: 'ServiceUnavailable', message };
}

export function createBridgeClient(transport: MessageTransport, options: BridgeClientOptions = {}): SkiffBridge {
  const makeError = options.makeError ?? defaultError;
  let nextId = 1;
  const calls = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  const subs = new Map<number, Subscription>();

  transport.onMessage((m) => {
    if (m.t === 'result') {
      const call = calls.get(m.id);
      if (!call) return;
      calls.delete(m.id);
      if (m.ok) call.resolve(m.value);
      else call.reject(makeError(m.status));
    } else if (m.t === 'event') {
      subs.get(m.id)?.listener(m.data);
    } else if (m.t === 'end') {
      subs.delete(m.id);
    }
  });
  transport.onReconnect?.(() => {
    for (const [id, s] of subs) transport.send({ t: 'sub', id, topic: s.topic, args: s.args });
  });
  transport.onDisconnect?.(() => {
    for (const call of calls.values()) call.reject(makeError(lost('lost the connection to Skiff')));
    calls.clear();
  });

  const bridge: Record<string, unknown> = {};
  for (const method of REQUEST_NAMES) {
    bridge[method] = (...args: unknown[]) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        calls.set(id, { resolve, reject });
        transport.send({ t: 'call', id, method, args });
      });
  }
  for (const topic of SUBSCRIPTION_NAMES) {
    bridge[topic] = (...all: unknown[]): Unsubscribe => {
      const listener = all.pop();
      if (typeof listener !== 'function') throw new TypeError(`${topic} needs a listener as its last argument`);
      const id = nextId++;
      subs.set(id, { topic, args: all, listener: listener as (d: unknown) => void });
      transport.send({ t: 'sub', id, topic, args: all });
      return () => {
        if (subs.delete(id)) transport.send({ t: 'unsub', id });
      };
    };
  }
  return bridge as unknown as SkiffBridge;
}
