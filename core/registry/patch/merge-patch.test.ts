import { describe, expect, it } from 'vitest';
import { StatusError } from '../../api/errors.js';
import { applyMergePatch } from './merge-patch.js';

describe('applyMergePatch', () => {
  const doc = () => ({ metadata: { name: 'a', labels: { x: '1', y: '2' } }, spec: { list: [1, 2], nested: { a: 1, b: 2 } } });

  it('merges objects, replaces everything else and deletes on null', () => {
    const original = doc();
    const out = applyMergePatch(original, { metadata: { labels: { x: null, z: '3' } }, spec: { list: [3], nested: { b: null, c: { d: null, e: 1 } } } });
    expect(out).toEqual({ metadata: { name: 'a', labels: { y: '2', z: '3' } }, spec: { list: [3], nested: { a: 1, c: { e: 1 } } } });
    expect(original).toEqual(doc());
  });

  it('drops nulls inside new values, arrays included', () => {
    const out = applyMergePatch(doc(), { spec: { items: [{ a: 1, b: null }], fresh: { gone: null } } });
    expect(out.spec).toMatchObject({ items: [{ a: 1 }], fresh: {} });
  });

  it('is what kubectl label and scale send', () => {
    expect(applyMergePatch(doc(), { metadata: { labels: { foo: 'bar' } } }).metadata.labels).toEqual({ x: '1', y: '2', foo: 'bar' });
    expect(applyMergePatch({ spec: { replicas: 1 } }, { spec: { replicas: 3 } })).toEqual({ spec: { replicas: 3 } });
  });

  it('rejects a patch that is not an object', () => {
    for (const bad of [null, [1], 'x']) {
      expect(() => applyMergePatch(doc(), bad)).toThrow(StatusError);
      try {
        applyMergePatch(doc(), bad);
      } catch (err) {
        expect((err as StatusError).code).toBe(400);
      }
    }
  });
});
