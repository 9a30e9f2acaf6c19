import { describe, expect, it } from 'vitest';
import { ResizeDecoder } from './resize-decoder.js';

describe('ResizeDecoder', () => {
  it('decodes sizes split anywhere, with or without newlines, and skips garbage', () => {
    const d = new ResizeDecoder();
    const sizes: [number, number][] = [];
    d.on('size', (w: number, h: number) => sizes.push([w, h]));
    const text = '{"Width":120,"Height":40}\n{"Width":1,"Height":2}{"nonsense":"{"}\n{"Width":-3,"Height":4}\n{"Width":80,"Height":24}';
    for (const ch of text) d.push(Buffer.from(ch));
    expect(sizes).toEqual([
      [120, 40],
      [1, 2],
      [0, 0],
      [80, 24],
    ]);
  });
});
