import { createHash } from 'node:crypto';
import type { ResourceDescriptor } from '../../registry/descriptor.js';
import type { Registry } from '../../registry/registry.js';

export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

interface SubInfo {
  group: string;
  version: string;
  kind: string;
  verbs: string[];
}

/** What each subresource answers with, as upstream's discovery lists it. */
function subresourceInfo(d: ResourceDescriptor, sub: string): SubInfo {
  const self = { group: d.group, version: d.version, kind: d.kind };
  switch (sub) {
    case 'status':
      return { ...self, verbs: ['get', 'patch', 'update'] };
    case 'scale':
      return { group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] };
    case 'log':
      return { ...self, verbs: ['get'] };
    case 'exec':
      return { group: '', version: 'v1', kind: 'PodExecOptions', verbs: ['create', 'get'] };
    case 'attach':
      return { group: '', version: 'v1', kind: 'PodAttachOptions', verbs: ['create', 'get'] };
    case 'portforward':
      return { group: '', version: 'v1', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] };
    case 'proxy':
      return { group: '', version: 'v1', kind: `${d.kind}ProxyOptions`, verbs: ['create', 'delete', 'get', 'patch', 'update'] };
    case 'binding':
      return { group: '', version: 'v1', kind: 'Binding', verbs: ['create'] };
    case 'eviction':
      return { group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] };
    case 'ephemeralcontainers':
    case 'resize':
      return { ...self, verbs: ['get', 'patch', 'update'] };
    case 'finalize':
      return { ...self, verbs: ['update'] };
    case 'token':
      return { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] };
    case 'approval':
      return { ...self, verbs: ['get', 'patch', 'update'] };
    default:
      return { ...self, verbs: ['get'] };
  }
}

function subresourcesOf(d: ResourceDescriptor): string[] {
  const out: string[] = [];
  if (d.subresources?.status) out.push('status');
  if (d.subresources?.scale) out.push('scale');
  out.push(...(d.subresources?.extra ?? []));
  return out;
}

/** A stable short hash of what a resource is, as upstream's storageVersionHash. */
function storageVersionHash(d: ResourceDescriptor): string {
  return d.storageVersionHash ?? createHash('sha256').update(`${d.group}/${d.version}/${d.kind}`).digest('base64').slice(0, 11);
}

function aggregatedResource(registry: Registry, d: ResourceDescriptor): Record<string, unknown> {
  const subs = subresourcesOf(d).map((s) => {
    const i = subresourceInfo(d, s);
    return { subresource: s, responseKind: { group: i.group, version: i.version, kind: i.kind }, verbs: i.verbs };
  });
  return {
    resource: d.plural,
    responseKind: { group: d.group, version: d.version, kind: d.kind },
    scope: d.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: d.singular,
    verbs: [...registry.verbsOf(d)].sort(),
    ...(d.shortNames?.length ? { shortNames: d.shortNames } : {}),
    ...(d.categories?.length ? { categories: d.categories } : {}),
    ...(subs.length ? { subresources: subs } : {}),
  };
}

/** `/api` or `/apis` as apidiscovery.k8s.io/v2 APIGroupDiscoveryList. */
export function aggregatedDiscovery(registry: Registry, legacy: boolean): string {
  const items = registry
    .groups()
    .filter((g) => (legacy ? g.name === '' : g.name !== ''))
    .map((g) => ({
      metadata: { name: g.name, creationTimestamp: null },
      versions: g.versions.map((v) => ({
        version: v,
        resources: registry.resourcesOf(g.name, v).map((d) => aggregatedResource(registry, d)),
        freshness: 'Current',
      })),
    }));
  return JSON.stringify({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items });
}

export function legacyApiVersions(serverAddress: string): string {
  return JSON.stringify({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] });
}

function apiGroup(g: { name: string; versions: string[] }) {
  const versions = g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v }));
  return { name: g.name, versions, preferredVersion: versions[0] };
}

export function legacyApiGroupList(registry: Registry): string {
  return JSON.stringify({ kind: 'APIGroupList', apiVersion: 'v1', groups: registry.groups().filter((g) => g.name !== '').map(apiGroup) });
}

export function legacyApiGroup(registry: Registry, group: string): string | undefined {
  const g = registry.groups().find((x) => x.name === group && group !== '');
  return g && JSON.stringify({ kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g) });
}

/** `/api/v1` or `/apis/apps/v1`: an APIResourceList with subresources as `pods/log` entries. */
export function apiResourceList(registry: Registry, group: string, version: string): string | undefined {
  const ds = registry.resourcesOf(group, version);
  if (!ds.length) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const d of ds) {
    resources.push({
      name: d.plural,
      singularName: d.singular,
      namespaced: d.namespaced,
      kind: d.kind,
      verbs: [...registry.verbsOf(d)].sort(),
      ...(d.shortNames?.length ? { shortNames: d.shortNames } : {}),
      ...(d.categories?.length ? { categories: d.categories } : {}),
      storageVersionHash: storageVersionHash(d),
    });
    for (const s of subresourcesOf(d)) {
      const i = subresourceInfo(d, s);
      resources.push({
        name: `${d.plural}/${s}`,
        singularName: d.singular,
        namespaced: d.namespaced,
        ...(i.group !== d.group ? { group: i.group } : {}),
        ...(i.group !== d.group || i.version !== d.version ? { version: i.version } : {}),
        kind: i.kind,
        verbs: i.verbs,
      });
    }
  }
  return JSON.stringify({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources });
}

export function wantsAggregated(accept: string | undefined): boolean {
  return !!accept && /as=APIGroupDiscoveryList/.test(accept) && /g=apidiscovery\.k8s\.io/.test(accept) && /v=v2(?![a-z0-9])/.test(accept);
}
