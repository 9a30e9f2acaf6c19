import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { StatusError, badRequest } from '../../api/errors.js';

export function isWebSocketRequest(req: IncomingMessage): boolean {
  return String(req.headers.upgrade ?? '').toLowerCase() === 'websocket';
}

/** The subprotocols the client offered, in its order of preference. */
export function offeredProtocols(req: IncomingMessage): string[] {
  const raw = req.headersDistinct['sec-websocket-protocol'] ?? [];
  return raw.flatMap((v) => v.split(',')).map((p) => p.trim()).filter(Boolean);
}

/**
 * Checks the handshake and picks the first subprotocol the client offered that we speak.
 * Throws a Status (answered as plain HTTP, no upgrade) otherwise, so that it can run
 * before anything is started on the client's behalf.
 */
export function prepareWebSocket(req: IncomingMessage, supported: readonly string[]): string {
  if (req.method !== 'GET') throw new StatusError(405, 'MethodNotAllowed', 'unable to upgrade: a WebSocket handshake is a GET');
  if (!/^[+/0-9A-Za-z]{22}==$/.test(String(req.headers['sec-websocket-key'] ?? ''))) throw badRequest('unable to upgrade: missing or invalid Sec-WebSocket-Key');
  if (req.headers['sec-websocket-version'] !== '13') throw badRequest('unable to upgrade: unsupported Sec-WebSocket-Version (want 13)');
  const offered = offeredProtocols(req);
  const chosen = offered.find((p) => supported.includes(p));
  if (!chosen) {
    throw new StatusError(400, 'BadRequest', `unable to upgrade: requested protocol(s) are not supported: [${offered.join(' ')}]; supports [${supported.join(' ')}]`);
  }
  return chosen;
}

/**
 * Completes the WebSocket handshake with `protocol` as the subprotocol, without
 * compression (client-go negotiates none), after prepareWebSocket accepted the request.
 * Rejects if the socket closes first.
 */
export async function acceptWebSocket(req: IncomingMessage, socket: Duplex, head: Buffer, protocol: string): Promise<WebSocket> {
  // Loaded on the first exec or port-forward, not at start-up.
  const { WebSocketServer } = await import('ws');
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false });
  // ws only accepts RFC 7230 tokens as subprotocols, and `SPDY/3.1+portforward.k8s.io` has
  // a slash: take the header out of its hands and answer it ourselves.
  delete req.headers['sec-websocket-protocol'];
  wss.on('headers', (headers: string[]) => headers.push(`Sec-WebSocket-Protocol: ${protocol}`));
  return new Promise((resolve, reject) => {
    const onClose = () => reject(new Error('the WebSocket handshake failed'));
    socket.once('close', onClose);
    wss.handleUpgrade(req, socket, head, (ws) => {
      socket.off('close', onClose);
      resolve(ws);
    });
  });
}
