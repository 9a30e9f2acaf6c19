import { badRequest } from '../../api/errors.js';
import { cloneJson, getOwn, isJsonObject, setOwn, type JsonObject } from './json-values.js';
import { refuseProtoKeys } from './patch-errors.js';

// RFC 7386 as the API server applies it (evanphx/json-patch v4 MergePatch): a
// null member deletes, an object merges into an object, anything else replaces.
// Nulls inside a value that replaces are dropped, inside arrays too, so the
// stored object never carries them.

/** Applies a JSON merge patch to a copy of `doc`. A patch that is not an object is a 400. */
export function applyMergePatch<T>(doc: T, patch: unknown): T {
  if (!isJsonObject(patch)) throw badRequest('Invalid JSON Patch');
  refuseProtoKeys(patch);
  const target = cloneJson(doc) as unknown;
  if (!isJsonObject(target)) return pruneNulls(cloneJson(patch)) as T;
  mergeInto(target, patch);
  return target as T;
}

function mergeInto(target: JsonObject, patch: JsonObject): void {
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null) {
      delete target[key];
      continue;
    }
    const current = getOwn(target, key);
    if (current === undefined || current === null) {
      setOwn(target, key, pruneNulls(cloneJson(value)));
    } else if (!isJsonObject(current)) {
      setOwn(target, key, pruneNulls(cloneJson(value)));
    } else if (!isJsonObject(value)) {
      // Upstream hands a non-object patch value over as is when the target is an object.
      setOwn(target, key, cloneJson(value));
    } else {
      mergeInto(current, value);
    }
  }
}

function pruneNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (const item of value) pruneNulls(item);
  } else if (isJsonObject(value)) {
    for (const key of Object.keys(value)) {
      if (value[key] === null) delete value[key];
      else pruneNulls(value[key]);
    }
  }
  return value;
}
