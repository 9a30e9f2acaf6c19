import type { KubeObject } from '../../api/types.js';
import type { Client } from '../../client/index.js';
import { canonicalJson } from '../shared/hash.js';

export interface ApiServerEndpoint {
  ip: string;
  port: number;
}

async function ensure(client: Client, want: KubeObject, same: (cur: KubeObject) => boolean, apply: (cur: KubeObject) => KubeObject): Promise<void> {
  const cur = client.find(want.apiVersion!, want.kind!, want.metadata.namespace, want.metadata.name!);
  if (!cur) await client.create(want);
  else if (!same(cur)) await client.update(apply(cur));
}

/** What the API server's endpoint reconciler keeps for `default/kubernetes`: one address, port `https`. */
export async function syncApiServerEndpoints(client: Client, ep: ApiServerEndpoint): Promise<void> {
  const subsets = [{ addresses: [{ ip: ep.ip }], ports: [{ name: 'https', port: ep.port, protocol: 'TCP' }] }];
  await ensure(
    client,
    { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } }, subsets },
    (cur) => canonicalJson(cur.subsets) === canonicalJson(subsets),
    (cur) => ({ ...cur, subsets }),
  );
  const endpoints = [{ addresses: [ep.ip], conditions: { ready: true } }];
  const ports = [{ name: 'https', port: ep.port, protocol: 'TCP' }];
  await ensure(
    client,
    { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } }, addressType: 'IPv4', endpoints, ports },
    (cur) => canonicalJson([cur.endpoints, cur.ports]) === canonicalJson([endpoints, ports]),
    (cur) => ({ ...cur, endpoints, ports }),
  );
}
