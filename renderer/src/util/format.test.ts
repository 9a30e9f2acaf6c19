import { describe, expect, it } from 'vitest';
import { formatAge, formatBytes, formatCores } from './format.js';

describe('format', () => {
  const now = Date.parse('2026-01-10T00:00:00Z');
  const ago = (s: number) => new Date(now - s * 1000).toISOString();
  it('prints ages like kubectl', () => {
    expect(formatAge(ago(5), now)).toBe('5s');
    expect(formatAge(ago(192), now)).toBe('3m12s');
    expect(formatAge(ago(3600 * 5), now)).toBe('5h');
    expect(formatAge(ago(3600 * 51), now)).toBe('2d3h');
    expect(formatAge(ago(86400 * 120), now)).toBe('120d');
    expect(formatAge(undefined, now)).toBe('');
  });
  it('prints sizes and cores', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536 * 1024)).toBe('1.5 MiB');
    expect(formatCores(0.25)).toBe('250m');
    expect(formatCores(4)).toBe('4');
  });
});
