// Web mode's transport: the built renderer and the bridge over HTTP and WebSocket on
// 127.0.0.1. Every request passes the checks in web-auth.ts first, static files included.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SkiffBridge } from './contract.js';
import { BridgeConnection } from './connection.js';
import { isClientMessage, type ServerMessage } from './protocol.js';
import { checkRequest, cookieName } from './web-auth.js';
import { securityHeaders, serveStatic } from './static-files.js';
import { failure } from './errors.js';

export interface WebServerOptions {
  bridge: SkiffBridge;
  rendererDir: string;
  token: string;
  port: number;
  /** Try a free port when `port` is taken (used for the default port only). */
  fallbackToFreePort?: boolean;
}

export interface WebServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 8 * 1024 * 1024;

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

function sendJson(res: http.ServerResponse, code: number, body: unknown, headers: Record<string, string>): void {
  res.writeHead(code, { ...headers, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** `POST /api/call {method, args}`: one request without a WebSocket (scripts, tests). */
async function httpCall(bridge: SkiffBridge, req: http.IncomingMessage, res: http.ServerResponse, headers: Record<string, string>): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, failure(405, 'MethodNotAllowed', 'use POST'), headers);
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendJson(res, 415, failure(415, 'UnsupportedMediaType', 'send application/json'), headers);
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) return sendJson(res, 413, failure(413, 'RequestEntityTooLarge', 'request too large'), headers);
    chunks.push(c as Buffer);
  }
  let msg: unknown;
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { method?: unknown; args?: unknown };
    msg = { t: 'call', id: 1, method: body.method, args: body.args ?? [] };
  } catch {
    return sendJson(res, 400, failure(400, 'BadRequest', 'the body is not JSON'), headers);
  }
  if (!isClientMessage(msg)) return sendJson(res, 400, failure(400, 'BadRequest', 'expected {"method": string, "args": array}'), headers);
  const answer = await new Promise<ServerMessage>((resolve) => {
    const conn = new BridgeConnection(bridge, (m) => {
      resolve(m);
      conn.close();
    });
    conn.handle(msg);
  });
  if (answer.t === 'result' && answer.ok) return sendJson(res, 200, { value: answer.value }, headers);
  const status = answer.t === 'result' && !answer.ok ? answer.status : failure(500, 'InternalError', 'no answer');
  sendJson(res, status.code ?? 500, status, headers);
}

export async function createWebServer(opts: WebServerOptions): Promise<WebServer> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  let port = 0;
  const server = http.createServer((req, res) => {
    const headers = securityHeaders(port);
    const verdict = checkRequest(req, port, opts.token);
    if (!verdict.ok) {
      res.writeHead(verdict.code, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`${verdict.reason}\n`);
      return;
    }
    if (verdict.viaQuery) headers['Set-Cookie'] = `${cookieName(port)}=${encodeURIComponent(opts.token)}; Path=/; HttpOnly; SameSite=Strict`;
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/call') {
      httpCall(opts.bridge, req, res, headers).catch((err) => {
        if (!res.headersSent) sendJson(res, 500, failure(500, 'InternalError', (err as Error).message), headers);
        else res.destroy();
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, failure(405, 'MethodNotAllowed', 'method not allowed'), headers);
      return;
    }
    serveStatic(opts.rendererDir, url.pathname, res, headers);
  });
  server.on('upgrade', (req, socket, head) => {
    const verdict = checkRequest(req, port, opts.token);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!verdict.ok || path !== '/api/ws') {
      const code = verdict.ok ? 404 : verdict.code;
      socket.end(`HTTP/1.1 ${code} ${http.STATUS_CODES[code]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, opts.bridge));
  });
  const preferred = opts.port;
  try {
    port = await listen(server, preferred);
  } catch (err) {
    if (!opts.fallbackToFreePort || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    port = await listen(server, 0);
  }
  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(opts.token)}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function serveSocket(ws: WebSocket, bridge: SkiffBridge): void {
  const conn = new BridgeConnection(bridge, (m) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  });
  let alive = true;
  const ping = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, 30_000);
  ping.unref();
  ws.on('pong', () => (alive = true));
  ws.on('message', (data) => {
    let msg: unknown;
    try {
      msg = JSON.parse(data.toString());
    } catch {
      return ws.close(1007, 'messages must be JSON');
    }
    if (isClientMessage(msg)) conn.handle(msg);
  });
  ws.on('close', () => {
    clearInterval(ping);
    conn.close();
  });
}
