import type { ManagedFieldsEntry } from '../../api/types.js';
import { isJsonObject } from '../patch/index.js';
import { FieldSet } from './field-set.js';
import { fromFieldsV1, toFieldsV1 } from './fields-v1.js';

// managedFields entries as field sets keyed by manager identity. An Update
// entry is one per (manager, apiVersion, subresource); an Apply entry is one per
// (manager, subresource) whatever version it applied with, as upstream keys them.

export interface ManagerEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource?: string;
  time?: string;
  set: FieldSet;
}

export type Managed = Map<string, ManagerEntry>;

/** Upstream's manager identifier: the entry's JSON without fields or time (and without apiVersion for appliers). */
export function identityOf(e: Pick<ManagerEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  const id: Record<string, string> = {};
  if (e.manager) id.manager = e.manager;
  id.operation = e.operation;
  if (e.operation === 'Update' && e.apiVersion) id.apiVersion = e.apiVersion;
  if (e.subresource) id.subresource = e.subresource;
  return JSON.stringify(id);
}

export class ManagedFieldsError extends Error {}

/**
 * Reads stored or client-sent entries; anything malformed makes the whole list
 * unusable, as upstream treats it. Stored entries are `trusted`: canonical, so
 * they are read lazily and what a write leaves alone encodes back unchanged.
 */
export function decodeManaged(entries: unknown, options: { trusted?: boolean } = {}): Managed {
  const managed: Managed = new Map();
  if (entries === undefined || entries === null) return managed;
  if (!Array.isArray(entries)) throw new ManagedFieldsError('managedFields must be a list');
  entries.forEach((raw, i) => {
    if (!isJsonObject(raw)) throw new ManagedFieldsError(`managed fields entry ${i} is not an object`);
    const e = raw as ManagedFieldsEntry;
    if (e.operation !== 'Apply' && e.operation !== 'Update') throw new ManagedFieldsError('operation must be `Apply` or `Update`');
    if (typeof e.apiVersion !== 'string' || !e.apiVersion) throw new ManagedFieldsError('apiVersion must not be empty');
    if (!e.fieldsType) throw new ManagedFieldsError(`missing fieldsType in managed fields entry ${i}`);
    if (e.fieldsType !== 'FieldsV1') throw new ManagedFieldsError(`invalid fieldsType ${JSON.stringify(e.fieldsType)} in managed fields entry ${i}`);
    const entry: ManagerEntry = {
      manager: typeof e.manager === 'string' ? e.manager : '',
      operation: e.operation,
      apiVersion: e.apiVersion,
      set: fromFieldsV1(e.fieldsV1, options),
    };
    if (e.subresource) entry.subresource = e.subresource;
    if (typeof e.time === 'string' && e.time) entry.time = e.time;
    managed.set(identityOf(entry), entry);
  });
  return managed;
}

const seconds = (time: string | undefined) => (time ? Math.floor(Date.parse(time) / 1000) || 0 : 0);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Entries in upstream's order: appliers before updaters, then oldest first, then by manager, apiVersion and subresource. */
export function encodeManaged(managed: Managed): ManagedFieldsEntry[] {
  const entries = [...managed.values()].filter((e) => !e.set.isEmpty());
  entries.sort(
    (p, q) =>
      cmp(p.operation, q.operation) ||
      seconds(p.time) - seconds(q.time) ||
      cmp(p.manager, q.manager) ||
      cmp(p.apiVersion, q.apiVersion) ||
      cmp(p.subresource ?? '', q.subresource ?? ''),
  );
  return entries.map((e) => {
    const out: ManagedFieldsEntry = { manager: e.manager, operation: e.operation, apiVersion: e.apiVersion };
    if (e.time) out.time = e.time;
    out.fieldsType = 'FieldsV1';
    out.fieldsV1 = toFieldsV1(e.set);
    if (e.subresource) out.subresource = e.subresource;
    return out;
  });
}

/** `[{}]`: the one way a client asks for managedFields to be dropped. */
export function isResetRequest(entries: unknown): boolean {
  if (!Array.isArray(entries) || entries.length !== 1 || !isJsonObject(entries[0])) return false;
  return Object.values(entries[0]).every((v) => v === undefined || v === null || v === '');
}

const MAX_UPDATE_MANAGERS = 10;
const ANCIENT = 'ancient-changes';

/**
 * Keeps at most ten Update entries by folding the oldest into one
 * "ancient-changes" entry per apiVersion, so a stream of one-off writers cannot
 * grow managedFields without bound.
 */
export function capUpdateManagers(managed: Managed): void {
  const updaters = [...managed.entries()].filter(([, e]) => e.operation === 'Update');
  if (updaters.length <= MAX_UPDATE_MANAGERS) return;
  updaters.sort(([ia, a], [ib, b]) => seconds(a.time) - seconds(b.time) || cmp(ia, ib));
  const firstByVersion = new Map<string, string>();
  let count = updaters.length;
  for (const [id, entry] of updaters) {
    if (count <= MAX_UPDATE_MANAGERS) break;
    const bucketId = identityOf({ manager: ANCIENT, operation: 'Update', apiVersion: entry.apiVersion });
    const first = firstByVersion.get(entry.apiVersion);
    if (first === undefined) {
      firstByVersion.set(entry.apiVersion, id);
      continue;
    }
    if (!managed.has(bucketId)) {
      const seed = managed.get(first)!;
      managed.delete(first);
      managed.set(bucketId, { ...seed, manager: ANCIENT, subresource: undefined });
    }
    const bucket = managed.get(bucketId)!;
    bucket.set = new FieldSet().addAll(bucket.set).addAll(entry.set);
    bucket.time = entry.time;
    managed.delete(id);
    count--;
  }
}
