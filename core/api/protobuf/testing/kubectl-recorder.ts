// A stand-in API server that serves just enough discovery for kubectl to
// build its requests, records every request body, and answers writes with the
// object it was sent. It lets tests capture the real client's protobuf bytes.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export const KUBECTL_PATH = fileURLToPath(new URL('../../../../.cache/tools/bin/kubectl-1.34', import.meta.url));

export interface RecordedRequest {
  method: string;
  url: string;
  contentType: string;
  body: Buffer;
}

type Resource = [group: string, version: string, plural: string, kind: string, namespaced: boolean, subresources?: string[]];

// Only what the recorded commands touch; kubectl maps names through this.
const RESOURCES: Resource[] = [
  ['', 'v1', 'configmaps', 'ConfigMap', true],
  ['', 'v1', 'secrets', 'Secret', true],
  ['', 'v1', 'namespaces', 'Namespace', false],
  ['', 'v1', 'serviceaccounts', 'ServiceAccount', true, ['token']],
  ['', 'v1', 'services', 'Service', true],
  ['', 'v1', 'pods', 'Pod', true],
  ['apps', 'v1', 'deployments', 'Deployment', true, ['scale']],
  ['batch', 'v1', 'jobs', 'Job', true],
  ['batch', 'v1', 'cronjobs', 'CronJob', true],
  ['rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true],
  ['rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true],
  ['rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false],
  ['rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false],
  ['networking.k8s.io', 'v1', 'ingresses', 'Ingress', true],
  ['policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true],
  ['scheduling.k8s.io', 'v1', 'priorityclasses', 'PriorityClass', false],
  ['autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true],
  ['authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false],
  ['authentication.k8s.io', 'v1', 'selfsubjectreviews', 'SelfSubjectReview', false],
  ['storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false],
  ['', 'v1', 'resourcequotas', 'ResourceQuota', true],
];

const SUBRESOURCE_KINDS: Record<string, [string, string, string]> = {
  token: ['authentication.k8s.io', 'v1', 'TokenRequest'],
  scale: ['autoscaling', 'v1', 'Scale'],
};

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

function discovery(core: boolean): unknown {
  const groups = new Map<string, Resource[]>();
  for (const r of RESOURCES) {
    if ((r[0] === '') !== core) continue;
    groups.set(`${r[0]}/${r[1]}`, [...(groups.get(`${r[0]}/${r[1]}`) ?? []), r]);
  }
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: [...groups.values()].map((list) => ({
      metadata: { name: list[0][0] },
      versions: [{
        version: list[0][1],
        freshness: 'Current',
        resources: list.map(([group, version, plural, kind, namespaced, subresources = []]) => ({
          resource: plural,
          singularResource: kind.toLowerCase(),
          scope: namespaced ? 'Namespaced' : 'Cluster',
          responseKind: { group, version, kind },
          verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
          subresources: subresources.map((sub) => ({
            subresource: sub,
            responseKind: { group: SUBRESOURCE_KINDS[sub][0], version: SUBRESOURCE_KINDS[sub][1], kind: SUBRESOURCE_KINDS[sub][2] },
            verbs: ['create', 'get'],
          })),
        })),
      }],
    })),
  };
}

export interface KubectlRecorder {
  requests: RecordedRequest[];
  /** Runs kubectl against the recorder; resolves with its exit code and output. */
  kubectl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  close(): Promise<void>;
}

/**
 * @param respond builds the JSON answer for a write from its recorded request
 *   (the object it carried, decoded by the caller's decoder).
 * @param existing objects to answer GETs with, keyed by request path.
 */
export async function startKubectlRecorder(
  respond: (req: RecordedRequest) => unknown,
  existing: Record<string, unknown> = {},
): Promise<KubectlRecorder> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      const pathname = url.split('?')[0];
      const send = (status: number, contentType: string, body: unknown) => {
        res.writeHead(status, { 'content-type': contentType });
        res.end(JSON.stringify(body));
      };
      if (pathname === '/api' || pathname === '/apis') return send(200, AGGREGATED, discovery(pathname === '/api'));
      if (pathname === '/version') return send(200, 'application/json', { major: '1', minor: '34', gitVersion: 'v1.34.0' });
      const recorded = {
        method: req.method ?? 'GET',
        url,
        contentType: String(req.headers['content-type'] ?? ''),
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      if (recorded.method === 'GET') {
        const found = existing[pathname];
        return found ? send(200, 'application/json', found) : send(404, 'application/json', notFound());
      }
      try {
        send(201, 'application/json', respond(recorded));
      } catch (err) {
        send(400, 'application/json', { ...notFound(), code: 400, reason: 'BadRequest', message: String(err) });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-kubectl-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: rec, cluster: {server: "http://127.0.0.1:${port}"}}]`,
      'contexts: [{name: rec, context: {cluster: rec, namespace: default}}]',
      'current-context: rec',
      'users: []',
    ].join('\n'),
  );
  return {
    requests,
    kubectl: (args) =>
      new Promise((resolve) => {
        execFile(
          KUBECTL_PATH,
          ['--kubeconfig', kubeconfig, '--cache-dir', path.join(dir, 'cache'), ...args],
          { env: { ...process.env, HOME: dir, KUBECONFIG: kubeconfig }, timeout: 30_000 },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
            resolve({ code, stdout, stderr });
          },
        );
      }),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function notFound() {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404, details: {} };
}
