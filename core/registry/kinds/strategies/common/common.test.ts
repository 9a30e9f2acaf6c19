import { describe, expect, it } from 'vitest';
import { Base64Error, decodeBase64Strict } from './base64.js';
import { unifiedDiff } from './line-diff.js';
import { compareQuantity, formatQuantity, parseQuantity, roundUp } from './quantity.js';

describe('quantities', () => {
  const canonical = (s: string) => formatQuantity(parseQuantity(s));

  it('serialises in the canonical form upstream stores', () => {
    expect(canonical('0.5')).toBe('500m');
    expect(canonical('1000m')).toBe('1');
    expect(canonical('1.5')).toBe('1500m');
    expect(canonical('1024Mi')).toBe('1Gi');
    expect(canonical('1536Mi')).toBe('1536Mi');
    expect(canonical('0.5Gi')).toBe('512Mi');
    expect(canonical('1000k')).toBe('1M');
    expect(canonical('100M')).toBe('100M');
    expect(canonical('512')).toBe('512');
    expect(canonical('1e3')).toBe('1e3');
    expect(canonical('0')).toBe('0');
    expect(canonical('-2')).toBe('-2');
  });

  it('rounds container quantities up to millis', () => {
    expect(formatQuantity(roundUp(parseQuantity('0.0001'), -3))).toBe('1m');
  });

  it('compares exactly across formats', () => {
    expect(compareQuantity(parseQuantity('1Gi'), parseQuantity('1073741824'))).toBe(0);
    expect(compareQuantity(parseQuantity('1'), parseQuantity('999m'))).toBe(1);
    expect(compareQuantity(parseQuantity('1G'), parseQuantity('1Gi'))).toBe(-1);
  });

  it('refuses what upstream refuses', () => {
    expect(() => parseQuantity('1.2.3')).toThrow();
    expect(() => parseQuantity('12Q')).toThrow(/quantities must match/);
    expect(() => parseQuantity('1Kb')).toThrow();
  });
});

describe("Go's base64 decoding", () => {
  const offset = (s: string) => {
    try {
      decodeBase64Strict(s);
      return -1;
    } catch (err) {
      return (err as Base64Error).offset;
    }
  };

  it('decodes padded input and skips newlines', () => {
    expect(decodeBase64Strict('aGVsbG8=').toString()).toBe('hello');
    expect(decodeBase64Strict('aGVs\nbG8h\n').toString()).toBe('hello!');
    expect(decodeBase64Strict('').length).toBe(0);
  });

  it('names the byte Go names', () => {
    expect(offset('abc')).toBe(0);
    expect(offset('abcde')).toBe(4);
    expect(offset('ab=c')).toBe(2);
    expect(offset('a===')).toBe(1);
    expect(offset('aGVsbG8=x')).toBe(8);
    expect(offset('aGVsbG8')).toBe(4);
    expect(offset('YQ=')).toBe(3);
  });
});

describe('unified diffs', () => {
  it('shows changed lines with context, as 1.34 appends to immutability errors', () => {
    const before = { containers: [{ name: 'c', image: 'x' }], dnsPolicy: 'ClusterFirst', restartPolicy: 'Always' };
    const after = { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }] }], dnsPolicy: 'ClusterFirst', restartPolicy: 'Always' };
    expect(unifiedDiff(before, after)).toBe(
      [
        '@@ -2,7 +2,12 @@',
        '   "containers": [',
        '    {',
        '     "image": "x",',
        '-    "name": "c"',
        '+    "name": "c",',
        '+    "ports": [',
        '+     {',
        '+      "containerPort": 8080',
        '+     }',
        '+    ]',
        '    }',
        '   ],',
        '   "dnsPolicy": "ClusterFirst",',
        '',
      ].join('\n'),
    );
    expect(unifiedDiff(before, before)).toBe('');
  });
});
