import type { KubeObject } from '../../api/types.js';
import { ConfigError, fieldRefValue, resourceFieldValue, type NodeFacts } from './field-ref.js';

/** Reads ConfigMaps and Secrets (from the informers' caches). */
export interface ObjectLookup {
  configMap(namespace: string, name: string): KubeObject | undefined;
  secret(namespace: string, name: string): KubeObject | undefined;
}

export interface EnvContext {
  pod: KubeObject;
  container: any;
  podIP: string;
  node: NodeFacts;
  lookup: ObjectLookup;
  /** Variables every container gets first (KUBERNETES_SERVICE_HOST and friends). */
  base: Array<[string, string]>;
}

/**
 * The container's environment in upstream's order: the kubelet's own variables, then envFrom
 * sources, then env entries, each able to refer to earlier ones with $(NAME).
 */
export function buildEnv(ctx: EnvContext): Array<[string, string]> {
  const { pod, container, lookup } = ctx;
  const ns = pod.metadata.namespace ?? 'default';
  const vars = new Map<string, string>(ctx.base);
  for (const src of container.envFrom ?? []) {
    const prefix = src.prefix ?? '';
    const ref = src.configMapRef ?? src.secretRef;
    if (!ref) continue;
    const isSecret = !!src.secretRef;
    const obj = isSecret ? lookup.secret(ns, ref.name) : lookup.configMap(ns, ref.name);
    if (!obj) {
      if (ref.optional) continue;
      throw new ConfigError(`${isSecret ? 'secret' : 'configmap'} "${ref.name}" not found`);
    }
    for (const [k, v] of Object.entries(dataOf(obj, isSecret))) vars.set(prefix + k, v);
  }
  for (const e of container.env ?? []) {
    if (e.valueFrom) {
      const v = valueFrom(ctx, ns, e.valueFrom);
      if (v !== undefined) vars.set(e.name, v);
      continue;
    }
    vars.set(e.name, expand(String(e.value ?? ''), (n) => vars.get(n)));
  }
  return [...vars];
}

function valueFrom(ctx: EnvContext, ns: string, from: any): string | undefined {
  if (from.fieldRef) return fieldRefValue(ctx.pod, from.fieldRef.fieldPath, ctx.podIP, ctx.node);
  if (from.resourceFieldRef) return resourceFieldValue(ctx.pod, from.resourceFieldRef.containerName || ctx.container.name, from.resourceFieldRef.resource, from.resourceFieldRef.divisor, ctx.node);
  const ref = from.configMapKeyRef ?? from.secretKeyRef;
  if (!ref) return undefined;
  const isSecret = !!from.secretKeyRef;
  const obj = isSecret ? ctx.lookup.secret(ns, ref.name) : ctx.lookup.configMap(ns, ref.name);
  if (!obj) {
    if (ref.optional) return undefined;
    throw new ConfigError(`${isSecret ? 'secret' : 'configmap'} "${ref.name}" not found`);
  }
  const data = dataOf(obj, isSecret);
  if (!(ref.key in data)) {
    if (ref.optional) return undefined;
    throw new ConfigError(`couldn't find key ${ref.key} in ${isSecret ? 'Secret' : 'ConfigMap'} ${ns}/${ref.name}`);
  }
  return data[ref.key];
}

/** Data of a ConfigMap (data and binaryData) or Secret (data decoded, stringData never stored). */
export function dataOf(obj: KubeObject, isSecret: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (isSecret) {
    for (const [k, v] of Object.entries<string>(obj.data ?? {})) out[k] = Buffer.from(v, 'base64').toString('utf8');
    return out;
  }
  for (const [k, v] of Object.entries<string>(obj.binaryData ?? {})) out[k] = Buffer.from(v, 'base64').toString('utf8');
  Object.assign(out, obj.data ?? {});
  return out;
}

/**
 * Kubernetes' $(VAR) expansion: known names are replaced, unknown references stay as written,
 * and $$ escapes a dollar.
 */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch !== '$' || i + 1 >= input.length) {
      out += ch;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i++;
      continue;
    }
    if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, close);
      const v = lookup(name);
      out += v ?? `$(${name})`;
      i = close;
      continue;
    }
    out += ch;
  }
  return out;
}
