import { describe, expect, it } from 'vitest';
import { StatusError } from '../../api/errors.js';
import { parseLogOptions } from './log-options.js';

const parse = (q: string) => parseLogOptions(new URLSearchParams(q), 'p');

function failure(q: string): { code: number; message: string } {
  try {
    parse(q);
  } catch (err) {
    if (err instanceof StatusError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error(`${q} was accepted`);
}

describe('parseLogOptions', () => {
  it('decodes booleans like upstream: absent is false, only 0 and false are false', () => {
    expect(parse('')).toEqual({ follow: false, previous: false, timestamps: false });
    expect(parse('follow=true&previous=1&timestamps=yes')).toMatchObject({ follow: true, previous: true, timestamps: true });
    expect(parse('follow=FALSE&previous=0&timestamps')).toMatchObject({ follow: false, previous: false, timestamps: true });
  });

  it('reads numbers, the container, and normalises sinceTime to whole UTC seconds', () => {
    expect(parse('container=c&tailLines=10&limitBytes=500&sinceSeconds=60')).toEqual({ container: 'c', follow: false, previous: false, timestamps: false, tailLines: 10, limitBytes: 500, sinceSeconds: 60 });
    expect(parse('sinceTime=2024-03-01T12:00:00.999999999-05:00').sinceTime).toBe('2024-03-01T17:00:00Z');
    expect(parse('tailLines=&sinceTime=').tailLines).toBeUndefined();
  });

  it('answers values that do not parse with 400', () => {
    expect(failure('tailLines=ten')).toEqual({ code: 400, message: 'strconv.ParseInt: parsing "ten": invalid syntax' });
    expect(failure('limitBytes=1.5').code).toBe(400);
    expect(failure('sinceTime=2024-03-01').code).toBe(400);
  });

  it('answers values out of range with 422, all of them at once', () => {
    expect(failure('tailLines=-1&limitBytes=0')).toEqual({
      code: 422,
      message: 'PodLogOptions "p" is invalid: [tailLines: Invalid value: -1: must be greater than or equal to 0, limitBytes: Invalid value: 0: must be greater than 0]',
    });
    expect(failure('sinceSeconds=-5').message).toBe('PodLogOptions "p" is invalid: sinceSeconds: Invalid value: -5: must be greater than 0');
    expect(failure('sinceSeconds=5&sinceTime=2024-01-01T00:00:00Z').message).toContain('at most one of `sinceTime` or `sinceSeconds` may be specified');
    expect(parse('tailLines=0').tailLines).toBe(0);
  });
});
