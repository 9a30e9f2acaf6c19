import { mkdtempSync, readFileSync, readlinkSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeAtomic } from './atomic-writer.js';

describe('atomic writer', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'skiff-atomic-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lays files out behind ..data and swaps them in one step', () => {
    const v = path.join(dir, 'vol');
    expect(writeAtomic(v, new Map([['a', { data: Buffer.from('1'), mode: 0o644 }], ['sub/b', { data: Buffer.from('2'), mode: 0o600 }]]), 0)).toBe(true);
    expect(readlinkSync(path.join(v, 'a'))).toBe('..data/a');
    expect(readFileSync(path.join(v, 'sub', 'b'), 'utf8')).toBe('2');
    expect(statSync(path.join(v, 'sub', 'b')).mode & 0o777).toBe(0o600);
    const first = readlinkSync(path.join(v, '..data'));
    expect(writeAtomic(v, new Map([['a', { data: Buffer.from('1'), mode: 0o644 }], ['sub/b', { data: Buffer.from('2'), mode: 0o600 }]]), 1000)).toBe(false);
    expect(writeAtomic(v, new Map([['a', { data: Buffer.from('changed'), mode: 0o644 }]]), 2000)).toBe(true);
    expect(readlinkSync(path.join(v, '..data'))).not.toBe(first);
    expect(readFileSync(path.join(v, 'a'), 'utf8')).toBe('changed');
    expect(readdirSync(v).sort()).toEqual(['..data', readlinkSync(path.join(v, '..data')), 'a'].sort());
  });
});
