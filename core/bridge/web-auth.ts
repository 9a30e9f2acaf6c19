// Who may use the web dashboard: only a page served by it, on this machine, that knows the
// token printed at start. The Host check stops DNS rebinding (a foreign name resolving to
// 127.0.0.1), the Origin check stops other sites' pages, the token stops other local users
// and anything else that can merely reach the port.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type Verdict = { ok: true; viaQuery: boolean } | { ok: false; code: 401 | 403; reason: string };

export function cookieName(port: number): string {
  // Cookies are per host, not per port: two dashboards must not read each other's.
  return `skiff_token_${port}`;
}

function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function checkRequest(req: Pick<IncomingMessage, 'headers' | 'url'>, port: number, token: string): Verdict {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts(port).has(host)) return { ok: false, code: 403, reason: `host "${host}" is not this dashboard` };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins(port).has(origin.toLowerCase())) return { ok: false, code: 403, reason: `origin "${origin}" may not use this dashboard` };
  const url = new URL(req.url ?? '/', 'http://x');
  const query = url.searchParams.get('token');
  if (query !== null) return sameToken(query, token) ? { ok: true, viaQuery: true } : { ok: false, code: 401, reason: 'wrong token' };
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return sameToken(auth.slice(7), token) ? { ok: true, viaQuery: false } : { ok: false, code: 401, reason: 'wrong token' };
  const cookie = cookieToken(req.headers.cookie, cookieName(port));
  if (cookie !== undefined) return sameToken(cookie, token) ? { ok: true, viaQuery: false } : { ok: false, code: 401, reason: 'wrong token' };
  return { ok: false, code: 401, reason: 'the dashboard needs the token from the URL that skiff up printed' };
}
