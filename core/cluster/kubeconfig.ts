import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { writeFileAtomic } from './files.js';

export interface KubeconfigEntry {
  server: string;
  caCert: string;
  clientCert: string;
  clientKey: string;
  /** Names in the merged file: context, cluster and user. */
  context?: string;
  cluster?: string;
  user?: string;
}

interface Named<T> {
  name: string;
  [key: string]: unknown;
  cluster?: T;
}

interface KubeconfigDoc {
  apiVersion?: string;
  kind?: string;
  preferences?: Record<string, unknown>;
  clusters?: Array<Named<unknown>>;
  users?: Array<Named<unknown>>;
  contexts?: Array<Named<unknown>>;
  'current-context'?: string;
  [key: string]: unknown;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

function names(e: KubeconfigEntry) {
  return { context: e.context ?? 'skiff', cluster: e.cluster ?? 'skiff', user: e.user ?? 'skiff-admin' };
}

function entries(e: KubeconfigEntry) {
  const n = names(e);
  return {
    cluster: { name: n.cluster, cluster: { server: e.server, 'certificate-authority-data': b64(e.caCert) } },
    user: { name: n.user, user: { 'client-certificate-data': b64(e.clientCert), 'client-key-data': b64(e.clientKey) } },
    context: { name: n.context, context: { cluster: n.cluster, user: n.user } },
  };
}

/** A kubeconfig with only Skiff in it. */
export function standaloneKubeconfig(e: KubeconfigEntry): string {
  const x = entries(e);
  const doc: KubeconfigDoc = { apiVersion: 'v1', kind: 'Config', preferences: {}, clusters: [x.cluster], users: [x.user], contexts: [x.context], 'current-context': names(e).context };
  return stringify(doc, { version: '1.1' });
}

export function writeStandaloneKubeconfig(file: string, e: KubeconfigEntry): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, standaloneKubeconfig(e), 0o600);
}

/** Where kubectl reads by default: the first KUBECONFIG entry, else ~/.kube/config. */
export function defaultKubeconfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const first = (env.KUBECONFIG ?? '').split(path.delimiter).find((p) => p.trim());
  return first ?? path.join(os.homedir(), '.kube', 'config');
}

function upsert<T extends { name: string }>(list: T[] | undefined, item: T, keep?: (old: T, next: T) => T): T[] {
  const out = [...(list ?? [])];
  const i = out.findIndex((x) => x.name === item.name);
  if (i >= 0) out[i] = keep ? keep(out[i], item) : item;
  else out.push(item);
  return out;
}

export interface MergeResult {
  file: string;
  backup?: string;
  /** Whether current-context now names Skiff. */
  current: boolean;
}

/**
 * Merges Skiff's cluster, user and context into a user's kubeconfig without touching anything
 * else. The previous file is kept as a timestamped backup; the user's current context changes
 * only when asked or when there is none, and edits to our context (a namespace) survive.
 */
export function mergeKubeconfig(file: string, e: KubeconfigEntry, opts: { switchContext?: boolean; now?: Date } = {}): MergeResult {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let doc: KubeconfigDoc = {};
  let backup: string | undefined;
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    const parsed = text.trim() ? parse(text, { version: '1.1' }) : {};
    if (parsed && typeof parsed !== 'object') throw new Error(`${file} is not a kubeconfig (expected a YAML mapping)`);
    doc = (parsed ?? {}) as KubeconfigDoc;
    const stamp = (opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
    backup = `${file}.skiff-backup-${stamp}`;
    copyFileSync(file, backup);
  }
  const x = entries(e);
  doc.apiVersion ??= 'v1';
  doc.kind ??= 'Config';
  doc.preferences ??= {};
  doc.clusters = upsert(doc.clusters, x.cluster);
  doc.users = upsert(doc.users, x.user);
  doc.contexts = upsert(doc.contexts, x.context, (old, next) => {
    const oldCtx = (old.context ?? {}) as Record<string, unknown>;
    return { ...next, context: { ...oldCtx, ...(next.context as Record<string, unknown>) } };
  });
  const name = names(e).context;
  const currentExists = !!doc['current-context'] && (doc.contexts ?? []).some((c) => c.name === doc['current-context']);
  if (opts.switchContext || !currentExists) doc['current-context'] = name;
  writeFileAtomic(file, stringify(doc, { version: '1.1' }), 0o600);
  return { file, backup, current: doc['current-context'] === name };
}
