import { StatusError, badRequest } from '../../api/errors.js';

// Upstream answers a patch that cannot be applied with a generic 422 whose
// details are empty (NewGenericServerResponse without causes), so kubectl prints
// "The request is invalid: the server rejected our request due to an error in
// our request". The precise reason only reaches the server log; we keep it as
// the error's `cause` for the same purpose.
export const REJECTED_MESSAGE = 'the server rejected our request due to an error in our request';

export function patchNotApplicable(reason: string): StatusError {
  const err = new StatusError(422, 'Invalid', REJECTED_MESSAGE);
  err.cause = new Error(reason);
  return err;
}

/**
 * An error upstream returns as a plain Go error: the API server turns it into a
 * 500 with no reason, and kubectl prints "Error from server: <message>".
 */
export function plainServerError(message: string): StatusError {
  return new StatusError(500, '', message);
}

export function patchBadRequest(message: string): StatusError {
  return badRequest(message);
}

/** Patch documents may not carry `__proto__`: nothing legitimate is named so, and refusing it keeps prototypes out of reach. */
export function refuseProtoKeys(value: unknown): void {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') {
      for (const key of Object.keys(v)) {
        if (key === '__proto__') throw badRequest('error decoding patch: the key "__proto__" is not allowed');
        stack.push((v as Record<string, unknown>)[key]);
      }
    }
  }
}

/** Go's `%v` rendering of a decoded JSON value, for messages that upstream prints that way. */
export function goFormat(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goFormat).join(' ')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `map[${Object.keys(obj)
      .sort()
      .map((k) => `${k}:${goFormat(obj[k])}`)
      .join(' ')}]`;
  }
  return String(value);
}

/** Go's reflect type name of a decoded JSON value. */
export function goTypeName(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return '[]interface {}';
  if (typeof value === 'object') return 'map[string]interface {}';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  return typeof value;
}

/** mergepatch.ErrBadArgType */
export function badArgType(expected: 'map' | 'slice', actual: unknown): StatusError {
  return plainServerError(`expected a ${expected === 'map' ? 'map[string]interface {}' : '[]interface {}'}, but received a ${goTypeName(actual)}`);
}

/** mergepatch.ErrNoMergeKey */
export function noMergeKey(item: unknown, key: string): StatusError {
  return plainServerError(`map: ${goFormat(item)} does not contain declared merge key: ${key}`);
}
