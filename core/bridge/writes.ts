// Writes from the dashboard, each through the registry's whole pipeline like any client's.
// YAML goes in by server-side apply as `skiff-dashboard`, field by field checked strictly, so
// a typo in the editor comes back as the server's own error rather than being dropped.
import { parseAllDocuments } from 'yaml';
import { SYSTEM_USER, type RequestContext } from '../registry/context.js';
import type { ApplyOptions, DeleteRequest, KubeObject, ObjectRef, PatchKind } from './contract.js';
import type { ClusterHost } from './host.js';
import { runningClient } from './objects.js';
import { badRequest } from './errors.js';
import { StatusError } from '../api/errors.js';
import { rfc3339 } from '../util/clock.js';

export const FIELD_MANAGER = 'skiff-dashboard';

function context(host: ClusterHost, dryRun = false): RequestContext {
  return { user: SYSTEM_USER, dryRun, fieldManager: FIELD_MANAGER, fieldValidation: 'Strict', warnings: [], clock: host.current().clock, userAgent: FIELD_MANAGER };
}

/** The documents of a YAML stream, empty ones dropped, syntax errors as a 400. */
export function parseManifests(text: string): KubeObject[] {
  const docs = parseAllDocuments(text, { version: '1.1' });
  const out: KubeObject[] = [];
  for (const [i, doc] of docs.entries()) {
    const err = doc.errors[0];
    if (err) throw badRequest(`error parsing YAML${docs.length > 1 ? ` (document ${i + 1})` : ''}: ${err.message.split('\n')[0]}`);
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) throw badRequest(`document ${i + 1} is not an object`);
    out.push(value as KubeObject);
  }
  if (!out.length) throw badRequest('no objects in the YAML');
  return out;
}

export async function applyYaml(host: ClusterHost, text: string, opts: ApplyOptions = {}): Promise<KubeObject[]> {
  const client = runningClient(host);
  const docs = parseManifests(text);
  const results: KubeObject[] = [];
  for (const [i, doc] of docs.entries()) {
    const where = docs.length > 1 ? ` (document ${i + 1})` : '';
    if (!doc.apiVersion || !doc.kind) throw badRequest(`apiVersion and kind are required${where}`);
    if (!doc.metadata?.name) throw badRequest(`metadata.name is required${where}`);
    const d = client.descriptor(doc.apiVersion, doc.kind);
    const ns = d.namespaced ? (doc.metadata.namespace ?? opts.namespace ?? 'default') : undefined;
    // Stale read-only fields pasted from `get` would conflict with the server's; drop them.
    const { resourceVersion: _rv, uid: _uid, managedFields: _mf, creationTimestamp: _ct, generation: _g, ...metadata } = doc.metadata;
    const body = { ...doc, metadata: { ...metadata, ...(ns ? { namespace: ns } : {}) } };
    try {
      const out = await client.objects.patch(d, ns, doc.metadata.name, 'apply', body, context(host, opts.dryRun), { force: opts.force });
      results.push(out.object);
    } catch (err) {
      if (err instanceof StatusError && where) throw new StatusError(err.code, err.reason, `${err.message}${where}`, err.status.details);
      throw err;
    }
  }
  return results;
}

export async function patchObject(host: ClusterHost, ref: ObjectRef, kind: PatchKind, body: unknown): Promise<KubeObject> {
  const client = runningClient(host);
  const d = client.descriptor(ref.apiVersion, ref.kind);
  return (await client.objects.patch(d, d.namespaced ? ref.namespace : undefined, ref.name, kind, body, context(host))).object;
}

export async function scaleObject(host: ClusterHost, ref: ObjectRef, replicas: number): Promise<KubeObject> {
  if (!Number.isInteger(replicas) || replicas < 0) throw badRequest('replicas must be a whole number, 0 or more');
  return patchObject(host, ref, 'merge', { spec: { replicas } });
}

const RESTARTABLE = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

export async function restartRollout(host: ClusterHost, ref: ObjectRef): Promise<KubeObject> {
  if (!RESTARTABLE.has(ref.kind)) throw badRequest(`${ref.kind} has no rollout to restart (Deployments, StatefulSets and DaemonSets do)`);
  const at = rfc3339(host.current().clock.now());
  return patchObject(host, ref, 'strategic', { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': at } } } } });
}

export async function deleteObject(host: ClusterHost, ref: ObjectRef, opts: DeleteRequest = {}): Promise<void> {
  const client = runningClient(host);
  const d = client.descriptor(ref.apiVersion, ref.kind);
  await client.objects.delete(d, d.namespaced ? ref.namespace : undefined, ref.name, { propagationPolicy: opts.propagationPolicy ?? 'Background', gracePeriodSeconds: opts.gracePeriodSeconds }, context(host));
}
