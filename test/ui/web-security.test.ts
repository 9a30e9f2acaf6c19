// Web mode refuses anything that is not its own page with its token.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebMode } from './support/web-mode.js';
import { openBrowser } from './support/browser.js';

let skiff: WebMode;
beforeAll(async () => {
  skiff = new WebMode();
  await skiff.start();
});
afterAll(async () => {
  await skiff?.stop();
});

function rawGet(path: string, headers: Record<string, string>): Promise<number> {
  const u = new URL(skiff.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: u.port, path, headers, setHost: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function wsStatus(url: string, headers: Record<string, string> = {}): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => {});
  });
}

describe('web mode security', () => {
  it('prints one Dashboard line with a token, on 127.0.0.1', () => {
    expect(skiff.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    expect(skiff.output.match(/^Dashboard: /gm)).toHaveLength(1);
  });

  it('refuses pages, calls and sockets without the token', async () => {
    const host = new URL(skiff.url).host;
    expect(await rawGet('/', { Host: host })).toBe(401);
    expect(await rawGet('/?token=wrong', { Host: host })).toBe(401);
    expect(await rawGet(`/?token=${skiff.token}`, { Host: host })).toBe(200);
    const noToken = await fetch(`${skiff.origin}/api/call`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"method":"getClusterInfo"}' });
    expect(noToken.status).toBe(401);
    expect(await wsStatus(`ws://${host}/api/ws`)).toBe(401);
    expect(await wsStatus(`ws://${host}/api/ws?token=${skiff.token}`)).toBe('open');
  });

  it('refuses another Origin and a foreign Host even with the token', async () => {
    const u = new URL(skiff.url);
    expect(await rawGet(`/?token=${skiff.token}`, { Host: `evil.example:${u.port}` })).toBe(403);
    expect(await rawGet(`/?token=${skiff.token}`, { Host: u.host, Origin: 'http://evil.example' })).toBe(403);
    expect(await wsStatus(`ws://${u.host}/api/ws?token=${skiff.token}`, { Origin: 'http://evil.example' })).toBe(403);
    const call = await fetch(`${skiff.origin}/api/call`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${skiff.token}`, Origin: 'http://evil.example' }, body: '{"method":"getClusterInfo"}' });
    expect(call.status).toBe(403);
  });

  it('shows a browser without the token nothing but a refusal, and keeps a tokened page working after reload', async () => {
    const b = await openBrowser();
    try {
      const refused = await b.page.goto(`${skiff.origin}/`);
      expect(refused?.status()).toBe(401);
      expect(await b.page.textContent('body')).toContain('token');
      await b.page.goto(skiff.url);
      await b.page.waitForSelector('[data-test=phase][data-phase=running]');
      // The token left the address bar; the page's cookie carries it from now on.
      expect(b.page.url()).not.toContain('token=');
      await b.page.reload();
      await b.page.waitForSelector('[data-test=phase][data-phase=running]');
      expect(b.errors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
