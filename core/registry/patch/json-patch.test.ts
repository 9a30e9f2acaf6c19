import { describe, expect, it } from 'vitest';
import { StatusError } from '../../api/errors.js';
import { applyJsonPatch } from './json-patch.js';
import { REJECTED_MESSAGE } from './patch-errors.js';

const doc = () => ({ metadata: { name: 'web', annotations: { 'a/b': '1', 'x~y': '2' } }, spec: { replicas: 1, list: ['a', 'b', 'c'] } });

function failure(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StatusError) return err;
    throw err;
  }
  throw new Error('expected a StatusError');
}

describe('applyJsonPatch', () => {
  it('applies every operation in order on a copy', () => {
    const original = doc();
    const out = applyJsonPatch(original, [
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'add', path: '/spec/list/-', value: 'd' },
      { op: 'add', path: '/spec/list/0', value: 'z' },
      { op: 'remove', path: '/spec/list/1' },
      { op: 'copy', from: '/spec/replicas', path: '/spec/copied' },
      { op: 'move', from: '/spec/copied', path: '/metadata/moved' },
      { op: 'test', path: '/metadata/moved', value: 3 },
    ]);
    expect(out.spec).toEqual({ replicas: 3, list: ['z', 'b', 'c', 'd'] });
    expect(out.metadata).toMatchObject({ moved: 3 });
    expect(original).toEqual(doc());
  });

  it('decodes ~1 and ~0 in pointers', () => {
    const out = applyJsonPatch(doc(), [
      { op: 'replace', path: '/metadata/annotations/a~1b', value: 'slash' },
      { op: 'remove', path: '/metadata/annotations/x~0y' },
    ]);
    expect(out.metadata.annotations).toEqual({ 'a/b': 'slash' });
  });

  it('counts negative indices from the end, as upstream does', () => {
    expect(applyJsonPatch(doc(), [{ op: 'remove', path: '/spec/list/-1' }]).spec.list).toEqual(['a', 'b']);
    expect(applyJsonPatch(doc(), [{ op: 'replace', path: '/spec/list/-3', value: 'A' }]).spec.list).toEqual(['A', 'b', 'c']);
  });

  it('lets replace add a missing object key (upstream json-patch v4)', () => {
    expect(applyJsonPatch(doc(), [{ op: 'replace', path: '/spec/paused', value: true }]).spec).toMatchObject({ paused: true });
  });

  it('answers a failed test with upstream’s generic 422 and keeps the reason as the cause', () => {
    const original = doc();
    const err = failure(() =>
      applyJsonPatch(original, [
        { op: 'replace', path: '/spec/replicas', value: 5 },
        { op: 'test', path: '/spec/replicas', value: 4 },
      ]),
    );
    expect(err.code).toBe(422);
    expect(err.status).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: REJECTED_MESSAGE, reason: 'Invalid', details: {}, code: 422 });
    expect((err.cause as Error).message).toBe('testing value /spec/replicas failed: test failed');
    expect(original.spec.replicas).toBe(1);
  });

  it('is all or nothing', () => {
    const original = doc();
    const err = failure(() =>
      applyJsonPatch(original, [
        { op: 'add', path: '/spec/new', value: 1 },
        { op: 'remove', path: '/spec/absent' },
      ]),
    );
    expect(err.code).toBe(422);
    expect((err.cause as Error).message).toBe("error in remove for path: '/spec/absent': Unable to remove nonexistent key: absent: missing value");
    expect(original).toEqual(doc());
  });

  it('reports paths whose parent is missing', () => {
    const err = failure(() => applyJsonPatch(doc(), [{ op: 'replace', path: '/spec/x/y', value: 1 }]));
    expect(err.code).toBe(422);
    expect((err.cause as Error).message).toBe('replace operation does not apply: doc is missing path: /spec/x/y: missing value');
    const add = failure(() => applyJsonPatch(doc(), [{ op: 'add', path: '/spec/list/9', value: 1 }]));
    expect((add.cause as Error).message).toBe("error in add for path: '/spec/list/9': Unable to access invalid index: 9: invalid index referenced");
  });

  it('passes a test for null against a missing value and fails an unknown op', () => {
    expect(applyJsonPatch(doc(), [{ op: 'test', path: '/spec/none', value: null }]).spec.replicas).toBe(1);
    expect((failure(() => applyJsonPatch(doc(), [{ op: 'frobnicate', path: '/spec' }])).cause as Error).message).toBe('Unexpected kind: frobnicate');
  });

  it('rejects a body that is not a list of operations with 400', () => {
    expect(failure(() => applyJsonPatch(doc(), { op: 'add' })).status).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    });
    expect(failure(() => applyJsonPatch(doc(), [1])).status.message).toBe('json: cannot unmarshal number into Go value of type jsonpatch.Operation');
    expect(applyJsonPatch(doc(), null)).toEqual(doc());
  });

  it('caps the number of operations like upstream', () => {
    const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/spec/replicas', value: 1 }));
    expect(failure(() => applyJsonPatch(doc(), ops)).code).toBe(413);
  });

  it('never reaches a prototype', () => {
    expect(failure(() => applyJsonPatch(doc(), [{ op: 'add', path: '/__proto__/polluted', value: 1 }])).code).toBe(400);
    const err = failure(() => applyJsonPatch(doc(), [{ op: 'add', path: '/constructor/prototype/polluted', value: 1 }]));
    expect(err.code).toBe(422);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // An own key named "constructor" is ordinary data.
    expect(applyJsonPatch({ data: {} as Record<string, unknown> }, [{ op: 'add', path: '/data/constructor', value: 'x' }]).data.constructor).toBe('x');
  });
});
