import { badRequest, expired } from '../api/errors.js';

/** Opaque to clients: the revision the first page was read at and the last key served. */
export interface ContinueToken {
  rev: number;
  after: string;
}

export function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 1, rv: t.rev, k: t.after })).toString('base64url');
}

export function decodeContinue(token: string, compacted: number): ContinueToken {
  let parsed: { v?: number; rv?: number; k?: string };
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badRequest(`invalid value for continue: the continue token could not be decoded`);
  }
  if (parsed.v !== 1 || typeof parsed.rv !== 'number' || typeof parsed.k !== 'string') throw badRequest('invalid value for continue: the continue token is not valid');
  if (parsed.rv < compacted)
    throw expired('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.');
  return { rev: parsed.rv, after: parsed.k };
}
