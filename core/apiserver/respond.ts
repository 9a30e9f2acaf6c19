import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { toStatusError } from '../api/errors.js';
import type { Status } from '../api/types.js';

const GZIP_MIN = 128 * 1024;

/** Writes a JSON body; large ones are gzipped when the client accepts it, as upstream does. */
export function sendJson(res: ServerResponse, code: number, body: string, opts: { contentType?: string; acceptEncoding?: string; headers?: Record<string, string | string[]> } = {}): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | string[] | number> = {
    'Content-Type': opts.contentType ?? 'application/json',
    ...opts.headers,
  };
  let payload: Buffer | string = body;
  if (body.length >= GZIP_MIN && (opts.acceptEncoding ?? '').includes('gzip')) {
    payload = gzipSync(body, { level: 1 });
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = Buffer.byteLength(payload);
  res.writeHead(code, headers);
  res.end(payload);
}

export function sendStatus(res: ServerResponse, status: Status, headers: Record<string, string | string[]> = {}): void {
  const extra = { ...headers };
  if (status.details?.retryAfterSeconds) extra['Retry-After'] = String(status.details.retryAfterSeconds);
  sendJson(res, status.code ?? 500, JSON.stringify(status), { headers: extra });
}

export function sendError(res: ServerResponse, err: unknown, headers: Record<string, string | string[]> = {}): void {
  sendStatus(res, toStatusError(err).status, headers);
}

/** `Warning: 299 - "text"` headers, which kubectl prints as `Warning: text`. */
export function warningHeaders(warnings: string[]): Record<string, string[]> {
  if (!warnings.length) return {};
  const unique = [...new Set(warnings)];
  return { Warning: unique.map((w) => `299 - ${JSON.stringify(w.replace(/[\r\n]+/g, ' '))}`) };
}
