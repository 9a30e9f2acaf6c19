import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, resolveStatic } from './static-files.js';

describe('static files', () => {
  it('stays inside the renderer folder', () => {
    expect(resolveStatic('/app/out/renderer', '/')).toBe('/app/out/renderer/index.html');
    expect(resolveStatic('/app/out/renderer', '/assets/index-1.js')).toBe('/app/out/renderer/assets/index-1.js');
    expect(resolveStatic('/app/out/renderer', '/../../etc/passwd')).toBeUndefined();
    expect(resolveStatic('/app/out/renderer', '/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
    expect(resolveStatic('/app/out/renderer', '/a%00b')).toBeUndefined();
    expect(resolveStatic('/app/out/renderer', '/%E0%A4%A')).toBeUndefined();
  });

  it('allows scripts and sockets from this dashboard only', () => {
    const csp = contentSecurityPolicy(6480);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain('connect-src \'self\' ws://127.0.0.1:6480 ws://localhost:6480');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });
});
