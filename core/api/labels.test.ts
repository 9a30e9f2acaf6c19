import { describe, expect, it } from 'vitest';
import { formatLabelSelector, matchesLabels, parseLabelSelector, selectorFromObject } from './labels.js';
import { matchesFields, parseFieldSelector } from './fields.js';

describe('label selectors', () => {
  it('parses the full grammar', () => {
    const s = parseLabelSelector('app=web,tier in (a, b),env!=prod,!legacy,track,release notin (x)');
    expect(matchesLabels(s, { app: 'web', tier: 'a', env: 'dev', track: '1' })).toBe(true);
    expect(matchesLabels(s, { app: 'web', tier: 'c', track: '1' })).toBe(false);
    expect(matchesLabels(s, { app: 'web', tier: 'a', track: '1', legacy: 'y' })).toBe(false);
    expect(matchesLabels(s, { app: 'web', tier: 'b', track: '1', release: 'x' })).toBe(false);
    expect(matchesLabels(parseLabelSelector('a==b'), { a: 'b' })).toBe(true);
  });

  it('rejects malformed selectors with a BadRequest', () => {
    expect(() => parseLabelSelector('a in b')).toThrow(/unable to parse requirement/);
    expect(() => parseLabelSelector('a foo (b)')).toThrow(/expected/);
  });

  it('converts metav1.LabelSelector and prints it like kubectl', () => {
    const s = selectorFromObject({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] })!;
    expect(formatLabelSelector(s)).toBe('app=web,tier in (a,b)');
    expect(selectorFromObject(null)).toBeNull();
    expect(matchesLabels(selectorFromObject({})!, {})).toBe(true);
  });
});

describe('field selectors', () => {
  it('parses and matches', () => {
    const r = parseFieldSelector('metadata.name=web,status.phase!=Running');
    const get = (f: string) => ({ 'metadata.name': 'web', 'status.phase': 'Pending' })[f];
    expect(matchesFields(r, get)).toBe(true);
    expect(matchesFields(parseFieldSelector('metadata.name==x'), get)).toBe(false);
    expect(() => parseFieldSelector('garbage')).toThrow(/invalid selector/);
  });
});
