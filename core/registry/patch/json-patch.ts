import { badRequest, tooLarge } from '../../api/errors.js';
import { cloneJson, getOwn, goJsonTypeName, hasOwn, isJsonObject, jsonEqual, setOwn, type JsonObject } from './json-values.js';
import { patchNotApplicable } from './patch-errors.js';

// RFC 6902 as the API server applies it (evanphx/json-patch v4), quirks included
// because clients are written against them: negative array indices count from
// the end, `replace` of a missing object key adds it, `copy` from a missing
// object key copies null, and a `test` of a missing or null value passes when
// the expected value is null. Every failure while applying is a 422; a body that
// is not a list of operations is a 400.

const MAX_OPERATIONS = 10000;

type Container = JsonObject | unknown[];

class PatchFailure extends Error {}

const fail = (message: string): never => {
  throw new PatchFailure(message);
};

/** Applies the operations to a copy of `doc`; `doc` itself is never changed, and nothing is applied unless everything is. */
export function applyJsonPatch<T>(doc: T, ops: unknown): T {
  const operations = decodeOperations(ops);
  const root = { value: cloneJson(doc) as unknown };
  try {
    for (const op of operations) applyOperation(root, op);
  } catch (err) {
    if (err instanceof PatchFailure) throw patchNotApplicable(err.message);
    throw err;
  }
  return root.value as T;
}

function decodeOperations(ops: unknown): Array<JsonObject | null> {
  if (ops === undefined) throw badRequest('unexpected end of JSON input');
  if (ops === null) return [];
  if (!Array.isArray(ops)) throw badRequest(`json: cannot unmarshal ${goJsonTypeName(ops)} into Go value of type jsonpatch.Patch`);
  for (const op of ops)
    if (op !== null && !isJsonObject(op)) throw badRequest(`json: cannot unmarshal ${goJsonTypeName(op)} into Go value of type jsonpatch.Operation`);
  if (ops.length > MAX_OPERATIONS) throw tooLarge(`The allowed maximum operations in a JSON patch is ${MAX_OPERATIONS}, got ${ops.length}`);
  return ops as Array<JsonObject | null>;
}

function stringField(op: JsonObject | null, name: 'op' | 'path' | 'from'): string | undefined {
  const v = op ? getOwn(op, name) : undefined;
  return typeof v === 'string' ? v : undefined;
}

function applyOperation(root: { value: unknown }, op: JsonObject | null): void {
  const kind = stringField(op, 'op') ?? 'unknown';
  const hasValue = !!op && hasOwn(op, 'value');
  const value = hasValue ? (op as JsonObject).value : undefined;
  const path = stringField(op, 'path');
  switch (kind) {
    case 'add': {
      if (path === undefined) fail('add operation failed to decode path: missing value');
      const at = locate(root.value, path!) ?? fail(`add operation does not apply: doc is missing path: "${path}": missing value`);
      wrap(`error in add for path: '${path}'`, () => addAt(at.container, at.key, cloneJson(value ?? null)));
      return;
    }
    case 'remove': {
      if (path === undefined) fail('remove operation failed to decode path: missing value');
      const at = locate(root.value, path!) ?? fail(`remove operation does not apply: doc is missing path: "${path}": missing value`);
      wrap(`error in remove for path: '${path}'`, () => removeAt(at.container, at.key));
      return;
    }
    case 'replace': {
      if (path === undefined) fail('replace operation failed to decode path: missing value');
      if (path === '') {
        if (!Array.isArray(value) && !isJsonObject(value)) fail('replace operation value must be object or array');
        root.value = cloneJson(value);
        return;
      }
      const at = locate(root.value, path!) ?? fail(`replace operation does not apply: doc is missing path: ${path}: missing value`);
      wrap(`replace operation does not apply: doc is missing key: ${path}`, () => getAt(at.container, at.key));
      setAt(at.container, at.key, cloneJson(value ?? null));
      return;
    }
    case 'move': {
      const from = stringField(op, 'from') ?? fail('move operation failed to decode from: missing value');
      const src = locate(root.value, from) ?? fail(`move operation does not apply: doc is missing from path: ${from}: missing value`);
      const moved = wrap(`error in move for path: '${src.key}'`, () => getAt(src.container, src.key));
      wrap(`error in move for path: '${src.key}'`, () => removeAt(src.container, src.key));
      if (path === undefined) fail('move operation failed to decode path: missing value');
      const dst = locate(root.value, path!) ?? fail(`move operation does not apply: doc is missing destination path: ${path}: missing value`);
      wrap(`error in move for path: '${path}'`, () => addAt(dst.container, dst.key, moved ?? null));
      return;
    }
    case 'copy': {
      const from = stringField(op, 'from') ?? fail('copy operation failed to decode from: missing value');
      const src = locate(root.value, from) ?? fail(`copy operation does not apply: doc is missing from path: ${from}: missing value`);
      const copied = wrap(`error in copy for from: '${from}'`, () => getAt(src.container, src.key));
      if (path === undefined) fail('copy operation failed to decode path: missing value');
      const dst = locate(root.value, path!) ?? fail(`copy operation does not apply: doc is missing destination path: ${path}: missing value`);
      wrap('error while adding value during copy', () => addAt(dst.container, dst.key, cloneJson(copied ?? null)));
      return;
    }
    case 'test': {
      if (path === undefined) fail('test operation failed to decode path: missing value');
      if (path === '') {
        if (!jsonEqual(root.value, value)) fail(`testing value ${path} failed: test failed`);
        return;
      }
      const at = locate(root.value, path!) ?? fail(`test operation does not apply: is missing path: ${path}: missing value`);
      const actual = wrap(`error in test for path: '${path}'`, () => getAt(at.container, at.key));
      const passes = actual === undefined || actual === null ? value === undefined || value === null : hasValue && jsonEqual(actual, value);
      if (!passes) fail(`testing value ${path} failed: test failed`);
      return;
    }
    default:
      fail(`Unexpected kind: ${kind}`);
  }
}

function wrap<T>(prefix: string, action: () => T): T {
  try {
    return action();
  } catch (err) {
    if (err instanceof PatchFailure) throw new PatchFailure(`${prefix}: ${err.message}`);
    throw err;
  }
}

function decodeToken(token: string): string {
  const key = token.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~'));
  if (key === '__proto__') throw badRequest('json patch paths may not contain "__proto__"');
  return key;
}

/** The container holding the pointer's last token, or undefined when the pointer does not lead into the document. */
function locate(doc: unknown, pointer: string): { container: Container; key: string } | undefined {
  if (!pointer.startsWith('/')) return undefined;
  const tokens = pointer.slice(1).split('/').map(decodeToken);
  let current = doc;
  for (let i = 0; i < tokens.length - 1; i++) {
    if (!Array.isArray(current) && !isJsonObject(current)) return undefined;
    let next: unknown;
    try {
      next = getAt(current, tokens[i]);
    } catch {
      return undefined;
    }
    if (next === undefined || next === null) return undefined;
    current = next;
  }
  if (!Array.isArray(current) && !isJsonObject(current)) return undefined;
  return { container: current, key: tokens[tokens.length - 1] };
}

function parseIndex(key: string): number {
  if (!/^[+-]?\d+$/.test(key)) fail(`value was not a proper array index: '${key}'`);
  return Number(key);
}

const invalidIndex = (idx: number): never => fail(`Unable to access invalid index: ${idx}: invalid index referenced`);

/** A negative index counts from the end, as upstream allows. */
function existingIndex(list: unknown[], key: string): number {
  let idx = parseIndex(key);
  if (idx < 0) {
    if (idx < -list.length) invalidIndex(idx);
    idx += list.length;
  }
  if (idx >= list.length) invalidIndex(idx);
  return idx;
}

function getAt(container: Container, key: string): unknown {
  if (Array.isArray(container)) return container[existingIndex(container, key)];
  return getOwn(container, key);
}

function setAt(container: Container, key: string, value: unknown): void {
  if (Array.isArray(container)) container[existingIndex(container, key)] = value;
  else setOwn(container, key, value);
}

function addAt(container: Container, key: string, value: unknown): void {
  if (!Array.isArray(container)) {
    setOwn(container, key, value);
    return;
  }
  if (key === '-') {
    container.push(value);
    return;
  }
  let idx = parseIndex(key);
  const size = container.length + 1;
  if (idx >= size) invalidIndex(idx);
  if (idx < 0) {
    if (idx < -size) invalidIndex(idx);
    idx += size;
  }
  container.splice(idx, 0, value);
}

function removeAt(container: Container, key: string): void {
  if (Array.isArray(container)) {
    container.splice(existingIndex(container, key), 1);
    return;
  }
  if (!hasOwn(container, key)) fail(`Unable to remove nonexistent key: ${key}: missing value`);
  delete container[key];
}
