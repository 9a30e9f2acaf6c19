import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { StatusError } from '../../api/errors.js';
import { SocketTransport } from './byte-transport.js';
import { SpdyConnection } from './spdy/index.js';

/** The fallback clients use when WebSockets are off or failed: `Upgrade: SPDY/3.1`. */
export function isSpdyRequest(req: IncomingMessage): boolean {
  return String(req.headers.upgrade ?? '').toLowerCase() === 'spdy/3.1';
}

/** `X-Stream-Protocol-Version` values the client sent (one header each, or comma-joined). */
function clientProtocols(req: IncomingMessage): string[] {
  return (req.headersDistinct['x-stream-protocol-version'] ?? []).flatMap((v) => v.split(',')).map((p) => p.trim()).filter(Boolean);
}

/**
 * Picks the stream protocol as httpstream.Handshake does: the client's first choice that we
 * support. A client that names none gets `undefined` (the 1.0-era default) when allowed.
 */
export function negotiateStreamProtocol(req: IncomingMessage, supported: readonly string[], allowNone: boolean): string | undefined {
  const offered = clientProtocols(req);
  if (offered.length === 0) {
    if (allowNone) return undefined;
    throw new StatusError(400, 'BadRequest', 'unable to upgrade: X-Stream-Protocol-Version is required');
  }
  const chosen = offered.find((p) => supported.includes(p));
  if (!chosen) {
    throw new StatusError(403, 'Forbidden', `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server accepts [${supported.join(' ')}]`);
  }
  return chosen;
}

/** Answers 101 and runs a SPDY session directly on the upgraded socket. */
export function acceptSpdy(socket: Duplex, head: Buffer, protocol: string | undefined): SpdyConnection {
  const lines = ['HTTP/1.1 101 Switching Protocols', 'Connection: Upgrade', 'Upgrade: SPDY/3.1'];
  if (protocol) lines.push(`X-Stream-Protocol-Version: ${protocol}`);
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  // Bytes that arrived with the request belong to the SPDY session.
  if (head.length) socket.unshift(head);
  return new SpdyConnection(new SocketTransport(socket));
}
