import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { StatusError, notAcceptable, pathNotFound, toStatusError, unauthorized } from '../api/errors.js';
import type { UserInfo } from '../registry/context.js';
import type { TlsMaterial } from './tls.js';
import { authenticate, type TokenAuthenticator } from './authn.js';
import type { ApiServerDeps } from './deps.js';
import { AGGREGATED_CONTENT_TYPE, aggregatedDiscovery, apiResourceList, legacyApiGroup, legacyApiGroupList, legacyApiVersions, wantsAggregated } from './handlers/discovery.js';
import { handleResource } from './handlers/resource.js';
import { parseRequestInfo } from './request-info.js';
import { sendError, sendJson, sendStatus } from './respond.js';

const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz', '/version']);

export interface ApiServerOptions {
  deps: ApiServerDeps;
  tls: TlsMaterial;
  tokens?: TokenAuthenticator;
}

export interface ApiServer {
  /** Listens on host:port; `accept` can refuse connections by remote address. Resolves the port. */
  listen(port: number, host?: string, accept?: (remoteAddress: string) => boolean): Promise<number>;
  close(): Promise<void>;
}

/** The Kubernetes API over HTTPS with client-certificate authentication. */
export function createApiServer(opts: ApiServerOptions): ApiServer {
  const { deps } = opts;
  const servers: https.Server[] = [];
  const sockets = new Set<Duplex>();
  const make = (accept?: (remoteAddress: string) => boolean) => {
    const server = https.createServer(
      {
        key: opts.tls.serverKey,
        cert: opts.tls.serverCert,
        ca: opts.tls.caCert,
        requestCert: true,
        rejectUnauthorized: false,
        ALPNProtocols: ['http/1.1'],
      },
      (req, res) => {
        handle(opts, req, res).catch((err) => {
          deps.logger.error('request failed', { path: req.url, error: String((err as Error)?.stack ?? err) });
          sendError(res, err);
        });
      },
    );
    server.keepAliveTimeout = 90_000;
    server.headersTimeout = 95_000;
    server.on('clientError', (_err, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      upgrade(opts, req, socket, head).catch((err) => {
        const status = toStatusError(err).status;
        const body = JSON.stringify(status);
        if (socket.writable)
          socket.end(`HTTP/1.1 ${status.code} ${status.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      });
    });
    // Refuse before TLS: a connection from where we do not serve gets nothing.
    server.on('connection', (s) => {
      if (accept && !accept((s as Socket).remoteAddress ?? '')) {
        s.destroy();
        return;
      }
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    servers.push(server);
    return server;
  };
  return {
    listen: (port, host = '127.0.0.1', accept) =>
      new Promise((resolve, reject) => {
        const server = make(accept);
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const addr = server.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port);
        });
      }),
    close: () =>
      Promise.all(
        servers.splice(0).map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              for (const s of sockets) s.destroy();
            }),
        ),
      ).then(() => undefined),
  };
}

async function who(opts: ApiServerOptions, req: IncomingMessage): Promise<UserInfo> {
  const user = await authenticate(req, opts.tokens);
  if (!user) throw unauthorized();
  return user;
}

async function handle(opts: ApiServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { deps } = opts;
  const url = new URL(req.url ?? '/', 'https://localhost');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (PUBLIC_PATHS.has(path) || path.startsWith('/readyz/') || path.startsWith('/livez/') || path.startsWith('/healthz/')) return servePublic(deps, path, res);
  const user = await who(opts, req);
  if (path === '/api' || path === '/apis') {
    if (wantsAggregated(req.headers.accept))
      return sendJson(res, 200, aggregatedDiscovery(deps.registry, path === '/api'), { contentType: AGGREGATED_CONTENT_TYPE, headers: { Vary: 'Accept' }, acceptEncoding: String(req.headers['accept-encoding'] ?? '') });
    return sendJson(res, 200, path === '/api' ? legacyApiVersions(`${req.socket.localAddress}:${req.socket.localPort}`) : legacyApiGroupList(deps.registry), { headers: { Vary: 'Accept' } });
  }
  if (path.startsWith('/openapi/')) return serveOpenApi(deps, req, res, path, url);
  const info = parseRequestInfo(req.method ?? 'GET', path, url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1');
  if (info.type === 'other') {
    const m = /^\/apis\/([^/]+)$/.exec(path);
    if (m) {
      const g = legacyApiGroup(deps.registry, m[1]);
      if (g) return sendJson(res, 200, g);
    }
    const gv = /^\/api\/(v1)$/.exec(path) ?? /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
    if (gv) {
      const list = path.startsWith('/api/') ? apiResourceList(deps.registry, '', gv[1]) : apiResourceList(deps.registry, gv[1], gv[2]);
      if (list) return sendJson(res, 200, list);
    }
    throw pathNotFound();
  }
  return handleResource(deps, req, res, info, url.searchParams, user);
}

function servePublic(deps: ApiServerDeps, path: string, res: ServerResponse): void {
  if (path === '/version') return sendJson(res, 200, JSON.stringify(deps.version, null, 2));
  if (path.startsWith('/readyz') && !deps.ready()) {
    res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('[-]skiff-ready failed: not ready yet\nreadyz check failed');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end('ok');
}

function serveOpenApi(deps: ApiServerDeps, req: IncomingMessage, res: ServerResponse, path: string, url: URL): void {
  if (path === '/openapi/v2') {
    if ((req.headers.accept ?? '').includes('protobuf') && !(req.headers.accept ?? '').includes('json')) throw notAcceptable();
    throw pathNotFound();
  }
  if (!deps.openapi) throw pathNotFound();
  if (path === '/openapi/v3') return sendJson(res, 200, deps.openapi.root(), { headers: { 'Cache-Control': 'no-cache, private' } });
  const doc = deps.openapi.document(path.slice('/openapi/v3/'.length));
  if (!doc) throw pathNotFound();
  const hashed = url.searchParams.get('hash');
  const headers: Record<string, string> = { ETag: `"${doc.hash}"`, 'Cache-Control': hashed === doc.hash ? 'public, immutable' : 'no-cache, private' };
  if (hashed && hashed !== doc.hash) {
    res.writeHead(301, { Location: `${path}?hash=${doc.hash}`, ...headers });
    res.end();
    return;
  }
  if (req.headers['if-none-match'] === `"${doc.hash}"`) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  sendJson(res, 200, doc.body, { headers, acceptEncoding: String(req.headers['accept-encoding'] ?? '') });
}

async function upgrade(opts: ApiServerOptions, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const { deps } = opts;
  const url = new URL(req.url ?? '/', 'https://localhost');
  const user = await who(opts, req);
  const info = parseRequestInfo('GET', url.pathname, false);
  if (info.type !== 'resource' || !info.subresource) throw pathNotFound();
  const d = deps.registry.lookup(info.group, info.version, info.resource);
  if (!d) throw pathNotFound();
  const handler = deps.upgrades.get(`${d.plural}/${info.subresource}`);
  if (!handler) throw new StatusError(400, 'BadRequest', `upgrade is not supported for ${d.plural}/${info.subresource}`);
  await handler({ deps, req, socket, head, info, descriptor: d, query: url.searchParams, user });
}

export { sendStatus };
