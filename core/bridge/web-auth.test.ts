import { describe, expect, it } from 'vitest';
import { checkRequest, cookieName } from './web-auth.js';

const TOKEN = 'secret-token-value';
const req = (url: string, headers: Record<string, string>) => ({ url, headers });

describe('web dashboard checks', () => {
  it('accepts the token from the URL, a bearer header or its cookie', () => {
    expect(checkRequest(req(`/?token=${TOKEN}`, { host: '127.0.0.1:6480' }), 6480, TOKEN)).toEqual({ ok: true, viaQuery: true });
    expect(checkRequest(req('/api/call', { host: 'localhost:6480', authorization: `Bearer ${TOKEN}` }), 6480, TOKEN)).toEqual({ ok: true, viaQuery: false });
    expect(checkRequest(req('/assets/x.js', { host: '127.0.0.1:6480', cookie: `other=1; ${cookieName(6480)}=${TOKEN}` }), 6480, TOKEN)).toEqual({ ok: true, viaQuery: false });
  });

  it('refuses a missing or wrong token, or another dashboard’s cookie', () => {
    expect(checkRequest(req('/', { host: '127.0.0.1:6480' }), 6480, TOKEN)).toMatchObject({ ok: false, code: 401 });
    expect(checkRequest(req('/?token=nope', { host: '127.0.0.1:6480' }), 6480, TOKEN)).toMatchObject({ ok: false, code: 401 });
    expect(checkRequest(req('/', { host: '127.0.0.1:6480', cookie: `${cookieName(7000)}=${TOKEN}` }), 6480, TOKEN)).toMatchObject({ ok: false, code: 401 });
  });

  it('refuses foreign Hosts (DNS rebinding) and Origins even with the token', () => {
    expect(checkRequest(req(`/?token=${TOKEN}`, { host: 'attacker.example:6480' }), 6480, TOKEN)).toMatchObject({ ok: false, code: 403 });
    expect(checkRequest(req(`/?token=${TOKEN}`, { host: '127.0.0.1:6481' }), 6480, TOKEN)).toMatchObject({ ok: false, code: 403 });
    expect(checkRequest(req(`/?token=${TOKEN}`, { host: '127.0.0.1:6480', origin: 'http://attacker.example' }), 6480, TOKEN)).toMatchObject({ ok: false, code: 403 });
    expect(checkRequest(req(`/?token=${TOKEN}`, { host: '127.0.0.1:6480', origin: 'http://localhost:6480' }), 6480, TOKEN)).toMatchObject({ ok: true });
  });
});
