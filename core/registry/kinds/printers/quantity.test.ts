import { describe, expect, it } from 'vitest';
import { canonicalQuantity } from './quantity.js';

describe('canonicalQuantity', () => {
  it.each([
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Ki', '512'],
    ['1000', '1k'],
    ['2048', '2048'],
    ['1.5G', '1500M'],
    ['0.5', '500m'],
    ['100m', '100m'],
    ['1500m', '1500m'],
    ['1e3', '1e3'],
    ['10', '10'],
    ['0', '0'],
    ['0Gi', '0'],
    ['-2Gi', '-2Gi'],
    ['1.0000000001', '1000000001n'],
    ['1.00000000001', '1000000001n'],
  ])('%s prints as %s', (input, want) => {
    expect(canonicalQuantity(input)).toBe(want);
  });

  it('treats a missing value as zero and keeps unparsable text', () => {
    expect(canonicalQuantity(undefined)).toBe('0');
    expect(canonicalQuantity(5)).toBe('5');
    expect(canonicalQuantity('lots')).toBe('lots');
  });
});
