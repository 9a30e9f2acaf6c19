import { describe, expect, test } from 'vitest';
import { formatGoDuration, formatMicroTime, formatTime, toBase64 } from './special-values.js';

describe('Go renderings', () => {
  test('durations read like time.Duration.String()', () => {
    expect(formatGoDuration(0)).toBe('0s');
    expect(formatGoDuration(999)).toBe('999ns');
    expect(formatGoDuration(1500)).toBe('1.5µs');
    expect(formatGoDuration(150_000_000)).toBe('150ms');
    expect(formatGoDuration(1_500_000_000)).toBe('1.5s');
    expect(formatGoDuration(90_000_000_000)).toBe('1m30s');
    expect(formatGoDuration(3_600_000_000_000n)).toBe('1h0m0s');
    expect(formatGoDuration(-5_000_000_000)).toBe('-5s');
  });

  test('times are UTC RFC 3339, micro times keep six digits', () => {
    expect(formatTime(0, 1)).toBe('1970-01-01T00:00:00Z');
    expect(formatTime(-1, 0)).toBe('1969-12-31T23:59:59Z');
    expect(formatMicroTime(1_700_000_000, 5_000)).toBe('2023-11-14T22:13:20.000005Z');
    expect(formatMicroTime(1_700_000_000, 1_500_000_000)).toBe('2023-11-14T22:13:21.500000Z');
    expect(() => formatTime(2n ** 62n, 0)).toThrow(/out of range/);
  });

  test('bytes become padded standard base64', () => {
    for (const text of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar']) {
      expect(toBase64(new TextEncoder().encode(text))).toBe(Buffer.from(text).toString('base64'));
    }
    const big = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 7) & 255);
    expect(toBase64(big)).toBe(Buffer.from(big).toString('base64'));
  });
});
