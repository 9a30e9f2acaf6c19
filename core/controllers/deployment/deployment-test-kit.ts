import type { KubeObject } from '../../api/types.js';
import type { TestCluster } from '../testing/harness.js';
import { setPodRunning } from '../testing/kubelet-double.js';
import { isPodReady } from '../shared/pod-state.js';

/** Helpers shared by the Deployment tests. */
export function deploymentKit(t: () => TestCluster) {
  const c = () => t().client;
  return {
    deployment(name: string, replicas: number, spec: Record<string, unknown> = {}, image = 'nginx:1'): KubeObject {
      return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace: 'default' },
        spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } }, ...spec },
      };
    },
    get: (name: string) => c().get('apps/v1', 'Deployment', 'default', name),
    replicaSets: (app: string) =>
      c()
        .list('apps/v1', 'ReplicaSet', 'default')
        .items.filter((rs) => rs.metadata.labels?.app === app)
        .sort((a, b) => Number(a.metadata.annotations?.['deployment.kubernetes.io/revision']) - Number(b.metadata.annotations?.['deployment.kubernetes.io/revision'])),
    podsOf: (rs: KubeObject) =>
      c()
        .list('v1', 'Pod', 'default')
        .items.filter((p) => p.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid && !p.metadata.deletionTimestamp),
    allPods: (app: string) =>
      c()
        .list('v1', 'Pod', 'default')
        .items.filter((p) => p.metadata.labels?.app === app && !p.metadata.deletionTimestamp),
    async makeReady(pods: KubeObject[]): Promise<number> {
      let n = 0;
      for (const p of pods) {
        if (isPodReady(p)) continue;
        await setPodRunning(c(), p, { clock: t().clock });
        n++;
      }
      return n;
    },
    condition: (d: KubeObject, type: string) => (d.status?.conditions ?? []).find((x: { type: string }) => x.type === type),
    events: (reason: string) =>
      c()
        .list('v1', 'Event', 'default')
        .items.filter((e) => e.reason === reason)
        .map((e) => e.message as string),
    async setImage(name: string, image: string): Promise<void> {
      await c().patch('apps/v1', 'Deployment', 'default', name, 'json', [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: image }]);
    },
  };
}

/** What `kubectl rollout status deployment` waits for. */
export function rolloutComplete(d: KubeObject): boolean {
  const s = d.status ?? {};
  const want = d.spec?.replicas ?? 1;
  return (
    (d.metadata.generation ?? 0) <= (s.observedGeneration ?? 0) &&
    (s.updatedReplicas ?? 0) >= want &&
    (s.replicas ?? 0) === (s.updatedReplicas ?? 0) &&
    (s.availableReplicas ?? 0) >= (s.updatedReplicas ?? 0)
  );
}
