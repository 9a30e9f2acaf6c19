import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SPDY3_DICTIONARY } from './dictionary.js';
import { decodeHeaderBlock, encodeHeaderBlock } from './header-block.js';
import { HeaderDeflater, HeaderInflater } from './header-compression.js';

const first = new Map([
  ['streamtype', ['error']],
  ['port', ['80']],
  ['requestid', ['0']],
]);
const second = new Map([
  ['streamtype', ['data']],
  ['port', ['80']],
  ['requestid', ['0']],
]);

describe('header compression', () => {
  it('round-trips blocks through one deflate and one inflate context', async () => {
    const d = new HeaderDeflater();
    const i = new HeaderInflater();
    for (const h of [first, second, first, new Map()]) {
      const wire = await d.deflate(encodeHeaderBlock(h));
      expect(decodeHeaderBlock(await i.inflate(wire))).toEqual(h);
    }
    d.close();
    i.close();
  });

  it('continues one zlib stream across blocks, as a standard inflater sees it', async () => {
    const d = new HeaderDeflater();
    const a = await d.deflate(encodeHeaderBlock(first));
    const b = await d.deflate(encodeHeaderBlock(second));
    // Each block ends with a sync flush, so the concatenation is a valid (unfinished) zlib stream.
    const all = zlib.inflateSync(Buffer.concat([a, b]), { dictionary: SPDY3_DICTIONARY, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    expect(all).toEqual(Buffer.concat([encodeHeaderBlock(first), encodeHeaderBlock(second)]));
    // The second block refers back to the first: alone, in a fresh context, it is not a zlib stream.
    await expect(new HeaderInflater().inflate(b)).rejects.toThrow(/inflate/);
    d.close();
  });

  it('inflates blocks that a standard deflater produced with the dictionary and sync flushes', async () => {
    const z = zlib.createDeflate({ dictionary: SPDY3_DICTIONARY, level: 9 });
    const chunks: Buffer[] = [];
    z.on('data', (c: Buffer) => chunks.push(c));
    const flushOne = (h: Map<string, string[]>) =>
      new Promise<Buffer>((resolve) => {
        z.write(encodeHeaderBlock(h));
        z.flush(zlib.constants.Z_SYNC_FLUSH, () => resolve(Buffer.concat(chunks.splice(0))));
      });
    const i = new HeaderInflater();
    const a = await flushOne(first);
    const b = await flushOne(second);
    expect(decodeHeaderBlock(await i.inflate(a))).toEqual(first);
    expect(decodeHeaderBlock(await i.inflate(b))).toEqual(second);
    z.close();
    i.close();
  });

  it('keeps order when many blocks are queued at once', async () => {
    const d = new HeaderDeflater();
    const i = new HeaderInflater();
    const blocks = Array.from({ length: 50 }, (_, n) => new Map([['n', [String(n)]]]));
    const wires = await Promise.all(blocks.map((h) => d.deflate(encodeHeaderBlock(h))));
    const back = await Promise.all(wires.map((w) => i.inflate(w)));
    expect(back.map((b) => decodeHeaderBlock(b).get('n')![0])).toEqual(blocks.map((_, n) => String(n)));
  });

  it('rejects garbage and stays failed', async () => {
    const i = new HeaderInflater();
    await expect(i.inflate(Buffer.from('not zlib at all'))).rejects.toThrow();
    await expect(i.inflate(Buffer.from([0x78, 0xbb]))).rejects.toThrow();
  });
});
