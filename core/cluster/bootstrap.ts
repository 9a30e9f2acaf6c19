import type { Client } from '../client/index.js';
import { isAlreadyExists } from '../client/index.js';

const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** What a fresh cluster has before anyone asks: the system namespaces and the `kubernetes` Service. */
export async function bootstrapObjects(client: Client, opts: { apiPort: number }): Promise<void> {
  for (const name of SYSTEM_NAMESPACES) {
    if (client.find('v1', 'Namespace', undefined, name)) continue;
    await ignoreExists(client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  }
  const svc = client.find('v1', 'Service', 'default', 'kubernetes');
  if (!svc) {
    await ignoreExists(
      client.create({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: opts.apiPort }] },
      }),
    );
  }
}

async function ignoreExists(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
}
