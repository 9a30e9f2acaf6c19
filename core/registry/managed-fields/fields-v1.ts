import { isJsonObject } from '../patch/index.js';
import { FieldSet, sortedKeys } from './field-set.js';
import { canonicalElement, PathElementError } from './path-element.js';

// The FieldsV1 encoding of a set: one JSON object per level, path elements as
// keys in upstream's order, `{}` for a member without children and "." inside a
// member that also has children.

export function toFieldsV1(set: FieldSet): Record<string, unknown> {
  if (set.source && !('.' in set.source)) return set.source;
  const out: Record<string, unknown> = {};
  for (const pe of sortedKeys(set)) out[pe] = encodeNode(set.children!.get(pe)!);
  return out;
}

/** One node's value: its stored level while unchanged, else `{}` for a bare member or its children behind ".". */
function encodeNode(node: FieldSet): Record<string, unknown> {
  if (node.source) return node.source;
  if (node.isEmpty()) return {};
  const out: Record<string, unknown> = node.member ? { '.': {} } : {};
  for (const pe of sortedKeys(node)) out[pe] = encodeNode(node.children!.get(pe)!);
  return out;
}

export class FieldsV1Error extends Error {}

/**
 * Reads a FieldsV1 object; element types this version does not know are
 * skipped, malformed ones are an error. `trusted` input (what this code stored)
 * is already canonical and is read lazily, as it is walked.
 */
export function fromFieldsV1(fields: unknown, options: { trusted?: boolean } = {}): FieldSet {
  if (fields === undefined || fields === null) return new FieldSet();
  if (!isJsonObject(fields)) throw new FieldsV1Error('fieldsV1 must be an object');
  if (options.trusted) return FieldSet.fromStored(fields);
  const set = new FieldSet();
  readLevel(set, fields);
  return set;
}

function element(raw: string): string | undefined {
  try {
    return canonicalElement(raw);
  } catch (err) {
    if (err instanceof PathElementError) throw new FieldsV1Error(`parsing key as path element: ${err.message}`);
    throw err;
  }
}

/** Fills `node`'s children from one level; returns whether the level marks its owner as a member. */
function readLevel(node: FieldSet, level: Record<string, unknown>): boolean {
  let isMember = false;
  for (const raw of Object.keys(level)) {
    if (raw === '.') {
      isMember = true;
      continue;
    }
    const pe = element(raw);
    if (pe === undefined) continue;
    const value = level[raw];
    if (!isJsonObject(value)) throw new FieldsV1Error(`value of ${raw} must be an object`);
    const child = node.descend(pe);
    if (readLevel(child, value)) child.member = true;
    if (!child.member && child.isEmpty()) node.children!.delete(pe);
  }
  // A level with nothing below it names its owner alone.
  return isMember || node.isEmpty();
}

/** Whether `set` encodes to exactly `level`, checked without materializing anything. */
export function encodesTo(set: FieldSet, level: Record<string, unknown>): boolean {
  let count = 0;
  for (const key of Object.keys(level)) {
    if (key === '.') continue;
    count++;
    const child = set.child(key);
    const value = level[key];
    if (!child || !isJsonObject(value)) return false;
    const member = '.' in value || Object.keys(value).length === 0;
    if (child.member !== member || !encodesTo(child, value)) return false;
  }
  return count === (set.isEmpty() ? 0 : set.children!.size);
}
