// Draws the app icon (a sail over a hull, the dashboard's mark) as a 512 px PNG for
// electron-builder, which derives every platform's icon formats from it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZE = 512;

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => (buf.reduce((c, b) => crcTable[(c ^ b) & 0xff] ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

// Shapes in a 24-unit box, as in the renderer's mark: [polygon, rgb].
const shapes = [
  [[[12, 2], [12, 16], [4, 16]], [47, 111, 222]],
  [[[13.5, 5], [20, 16], [13.5, 16]], [151, 183, 238]],
  [[[3, 18], [21, 18], [18, 22], [6, 22]], [29, 35, 41]],
];
const inside = (x, y, poly) => {
  let hit = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
};

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
const S = 4; // samples per axis, for smooth edges
for (let py = 0; py < SIZE; py++)
  for (let px = 0; px < SIZE; px++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < S; sy++)
      for (let sx = 0; sx < S; sx++) {
        const x = ((px + (sx + 0.5) / S) / SIZE) * 24;
        const y = ((py + (sy + 0.5) / S) / SIZE) * 24;
        // A white rounded tile behind the mark.
        const r = 4.5;
        const cx = Math.min(Math.max(x, r), 24 - r);
        const cy = Math.min(Math.max(y, r), 24 - r);
        if (Math.hypot(x - cx, y - cy) > r) continue;
        const shape = shapes.find(([poly]) => inside(x, y, poly));
        const [cr, cg, cb] = shape ? shape[1] : [250, 251, 252];
        acc[0] += cr;
        acc[1] += cg;
        acc[2] += cb;
        acc[3] += 255;
      }
    const n = S * S;
    const o = py * (SIZE * 4 + 1) + 1 + px * 4;
    const covered = acc[3] / 255 || 1;
    raw[o] = acc[0] / covered;
    raw[o + 1] = acc[1] / covered;
    raw[o + 2] = acc[2] / covered;
    raw[o + 3] = acc[3] / n;
  }

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8;
ihdr[9] = 6;
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
mkdirSync(path.join(ROOT, 'resources', 'build'), { recursive: true });
writeFileSync(path.join(ROOT, 'resources', 'build', 'icon.png'), png);
console.log('drew resources/build/icon.png');
