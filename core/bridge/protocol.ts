// The wire protocol both transports carry (Electron IPC and WebSocket): calls answered once,
// subscriptions answered by a stream of events under the id the client chose. Messages are
// plain JSON-compatible values, so either transport can clone or serialise them.
import type { Status } from './contract.js';

export type ClientMessage =
  | { t: 'call'; id: number; method: string; args: unknown[] }
  | { t: 'sub'; id: number; topic: string; args: unknown[] }
  | { t: 'unsub'; id: number };

export type ServerMessage =
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; status: Status }
  | { t: 'event'; id: number; data: unknown }
  /** The subscription is over: refused (with a status) or ended by the server. */
  | { t: 'end'; id: number; status?: Status };

export function isClientMessage(v: unknown): v is ClientMessage {
  if (!v || typeof v !== 'object') return false;
  const m = v as Record<string, unknown>;
  if (typeof m.id !== 'number' || !Number.isSafeInteger(m.id)) return false;
  if (m.t === 'unsub') return true;
  if (m.t === 'call') return typeof m.method === 'string' && Array.isArray(m.args);
  if (m.t === 'sub') return typeof m.topic === 'string' && Array.isArray(m.args);
  return false;
}
