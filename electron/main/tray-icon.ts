// Tray pictures drawn in code: a ring whose colour and fill say the state, at 1x and 2x.
// No image files to keep in step with the states, and a tested encoder instead of a binary.
import { deflateSync } from 'node:zlib';
import type { ClusterPhase } from '../shared/index.js';

type Rgb = [number, number, number];

const COLOURS: Record<ClusterPhase, Rgb> = {
  stopped: [140, 140, 140],
  starting: [230, 160, 20],
  stopping: [230, 160, 20],
  running: [40, 170, 90],
  error: [215, 60, 50],
};

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An RGBA image as PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** The tray picture for a state at `size` pixels: filled when running, a ring otherwise. */
export function trayIconPixels(phase: ClusterPhase, size: number): Uint8Array {
  const [r, g, b] = COLOURS[phase];
  const px = new Uint8Array(size * size * 4);
  const c = (size - 1) / 2;
  const outer = size * 0.44;
  const inner = phase === 'running' || phase === 'error' ? 0 : size * 0.26;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      // One pixel of soft edge on each side keeps the circle smooth at 16 px.
      const a = Math.max(0, Math.min(1, outer - d + 0.5)) * Math.max(0, Math.min(1, d - inner + 0.5));
      const i = (y * size + x) * 4;
      px[i] = r;
      px[i + 1] = g;
      px[i + 2] = b;
      px[i + 3] = Math.round(a * 255);
    }
  return px;
}

export function trayIconPng(phase: ClusterPhase, size: number): Buffer {
  return encodePng(size, size, trayIconPixels(phase, size));
}
