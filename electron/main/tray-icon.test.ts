import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { trayIconPixels, trayIconPng } from './tray-icon.js';

describe('tray icon', () => {
  it('is a valid PNG of the asked size', () => {
    const png = trayIconPng('running', 32);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(32);
    expect(png.readUInt32BE(20)).toBe(32);
    const idatAt = png.indexOf('IDAT');
    const raw = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + png.readUInt32BE(idatAt - 4)));
    expect(raw.length).toBe((32 * 4 + 1) * 32);
  });

  it('differs by state: filled while running, a ring while stopped, colours apart', () => {
    const centre = (px: Uint8Array, size: number) => px.subarray(((size / 2) * size + size / 2) * 4, ((size / 2) * size + size / 2) * 4 + 4);
    expect(centre(trayIconPixels('running', 16), 16)[3]).toBe(255);
    expect(centre(trayIconPixels('stopped', 16), 16)[3]).toBe(0);
    const colour = (phase: 'running' | 'error' | 'starting') => Array.from(centre(trayIconPixels(phase, 16), 16).subarray(0, 3)).join(',');
    expect(new Set([colour('running'), colour('error'), colour('starting')]).size).toBe(3);
  });
});
