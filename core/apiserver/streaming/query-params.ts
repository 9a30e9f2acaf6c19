import { badRequest } from '../../api/errors.js';

// Query parameters decoded the way upstream's parameter codec does, so that odd spellings
// mean the same thing here as against a real API server.

/** Absent means false; only `0` and `false` (any case) are false when present. */
export function boolParam(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  if (v === null) return false;
  return v !== '0' && v.toLowerCase() !== 'false';
}

const INT64 = /^[+-]?\d+$/;

/** A base-10 integer, or undefined when absent or empty; 400 when it does not parse. */
export function intParam(query: URLSearchParams, name: string): number | undefined {
  const v = query.get(name);
  if (v === null || v === '') return undefined;
  if (!INT64.test(v)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: value out of range`);
  return n;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 time, normalised to whole seconds in UTC as upstream forwards it. */
export function timeParam(query: URLSearchParams, name: string): string | undefined {
  const v = query.get(name);
  if (v === null || v === '' || v === 'null') return undefined;
  const ms = RFC3339.test(v) ? Date.parse(v.toUpperCase()) : NaN;
  if (Number.isNaN(ms)) throw badRequest(`parsing time ${JSON.stringify(v)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(v)} as "2006"`);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
