import type { KubeObject } from '../../api/types.js';
import { dataOf, type ObjectLookup } from '../pod/env.js';
import { fieldRefValue, resourceFieldValue, type NodeFacts } from '../pod/field-ref.js';
import type { Projection } from './atomic-writer.js';

export class MountError extends Error {}

export interface TokenSource {
  token(pod: KubeObject, audience: string | undefined, expirationSeconds: number): Promise<string>;
}

export interface ProjectionContext {
  pod: KubeObject;
  podIP: string;
  node: NodeFacts;
  lookup: ObjectLookup;
  tokens: TokenSource;
  /** The cluster CA, for `kube-root-ca.crt` when no controller has published it yet. */
  caCert: string;
}

type Files = Map<string, Projection>;

/** Files of a configMap or secret source: every key, or the listed items. */
export function keyedFiles(ctx: ProjectionContext, kind: 'configMap' | 'secret', src: any, defaultMode: number, out: Files): void {
  const ns = ctx.pod.metadata.namespace ?? 'default';
  const name = kind === 'secret' ? (src.secretName ?? src.name) : src.name;
  let obj = kind === 'secret' ? ctx.lookup.secret(ns, name) : ctx.lookup.configMap(ns, name);
  if (!obj && kind === 'configMap' && name === 'kube-root-ca.crt' && ctx.caCert) obj = { metadata: { name }, data: { 'ca.crt': ctx.caCert } };
  if (!obj) {
    if (src.optional) return;
    throw new MountError(`${kind === 'secret' ? 'secret' : 'configmap'} "${name}" not found`);
  }
  const data = kind === 'secret' ? rawSecretData(obj) : rawConfigMapData(obj);
  const items: any[] | undefined = src.items;
  if (!items?.length) {
    for (const [k, v] of Object.entries(data)) out.set(k, { data: v, mode: defaultMode });
    return;
  }
  for (const item of items) {
    const v = data[item.key];
    if (v === undefined) {
      if (src.optional) continue;
      throw new MountError(`configmap references non-existent config key: ${item.key}`);
    }
    out.set(item.path, { data: v, mode: item.mode ?? defaultMode });
  }
}

function rawSecretData(obj: KubeObject): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const [k, v] of Object.entries<string>(obj.data ?? {})) out[k] = Buffer.from(v, 'base64');
  return out;
}

function rawConfigMapData(obj: KubeObject): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const [k, v] of Object.entries(dataOf(obj, false))) out[k] = Buffer.from(v, 'utf8');
  for (const [k, v] of Object.entries<string>(obj.binaryData ?? {})) out[k] = Buffer.from(v, 'base64');
  return out;
}

export function downwardFiles(ctx: ProjectionContext, items: any[], defaultMode: number, out: Files): void {
  for (const item of items ?? []) {
    let value: string;
    if (item.fieldRef) value = fieldRefValue(ctx.pod, item.fieldRef.fieldPath, ctx.podIP, ctx.node);
    else if (item.resourceFieldRef) value = resourceFieldValue(ctx.pod, item.resourceFieldRef.containerName, item.resourceFieldRef.resource, item.resourceFieldRef.divisor, ctx.node);
    else continue;
    out.set(item.path, { data: Buffer.from(value), mode: item.mode ?? defaultMode });
  }
}

export async function projectedFiles(ctx: ProjectionContext, projected: any): Promise<Files> {
  const out: Files = new Map();
  const mode = projected.defaultMode ?? 0o644;
  for (const src of projected.sources ?? []) {
    if (src.configMap) keyedFiles(ctx, 'configMap', src.configMap, mode, out);
    else if (src.secret) keyedFiles(ctx, 'secret', src.secret, mode, out);
    else if (src.downwardAPI) downwardFiles(ctx, src.downwardAPI.items, mode, out);
    else if (src.serviceAccountToken) {
      const t = src.serviceAccountToken;
      const token = await ctx.tokens.token(ctx.pod, t.audience, t.expirationSeconds ?? 3600);
      out.set(t.path, { data: Buffer.from(token), mode });
    }
  }
  return out;
}
