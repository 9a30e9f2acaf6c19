import type { KubeObject } from '../../api/types.js';
import { isConflict, isNotFound, type Client, type InformerFactory } from '../../client/index.js';
import { rfc3339, type Clock } from '../../util/clock.js';

/** Plays the kubelet in controller tests: writes pod status the way the real one would. */

function cond(type: string, status: boolean, at: string) {
  return { type, status: status ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: at };
}

function fresh(client: Client, pod: KubeObject): KubeObject {
  return client.get('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!);
}

let ipCounter = 10;

export async function setPodRunning(client: Client, pod: KubeObject, opts: { ready?: boolean; clock?: Clock; ip?: string } = {}): Promise<KubeObject> {
  const cur = fresh(client, pod);
  const ready = opts.ready ?? true;
  const now = rfc3339((opts.clock ?? client.clock).now());
  const prevReady = (cur.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
  const readyAt = prevReady && (prevReady.status === 'True') === ready ? prevReady.lastTransitionTime : now;
  const ip = cur.status?.podIP ?? opts.ip ?? `10.244.0.${ipCounter++ % 250}`;
  const containers = (cur.spec?.containers ?? []) as Array<{ name: string; image: string }>;
  return client.updateStatus({
    ...cur,
    status: {
      phase: 'Running',
      conditions: [cond('PodScheduled', true, now), cond('Initialized', true, now), { ...cond('ContainersReady', ready, readyAt) }, { ...cond('Ready', ready, readyAt) }],
      hostIP: '192.168.65.3',
      podIP: ip,
      podIPs: [{ ip }],
      startTime: cur.status?.startTime ?? now,
      containerStatuses: containers.map((c) => ({
        name: c.name,
        image: c.image,
        imageID: '',
        ready,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: now } },
      })),
    },
  });
}

export async function setPodTerminated(client: Client, pod: KubeObject, exitCode: number, opts: { clock?: Clock; reason?: string } = {}): Promise<KubeObject> {
  const cur = fresh(client, pod);
  const now = rfc3339((opts.clock ?? client.clock).now());
  const phase = exitCode === 0 ? 'Succeeded' : 'Failed';
  const containers = (cur.spec?.containers ?? []) as Array<{ name: string; image: string }>;
  return client.updateStatus({
    ...cur,
    status: {
      phase,
      conditions: [cond('PodScheduled', true, now), cond('Initialized', true, now), cond('ContainersReady', false, now), cond('Ready', false, now)],
      startTime: cur.status?.startTime ?? now,
      containerStatuses: containers.map((c) => ({
        name: c.name,
        image: c.image,
        imageID: '',
        ready: false,
        started: false,
        restartCount: 0,
        state: { terminated: { exitCode, reason: opts.reason ?? (exitCode === 0 ? 'Completed' : 'Error'), startedAt: now, finishedAt: now } },
      })),
    },
  });
}

/** Finishes graceful deletions as a kubelet would once containers stop; returns a stop function. */
export function finishTerminatingPods(client: Client, informers: InformerFactory): () => void {
  const pods = informers.for('v1', 'Pod');
  const finish = (pod: KubeObject) => {
    if (!pod.metadata.deletionTimestamp || (pod.metadata.finalizers ?? []).length) return;
    void client.delete('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0 }).catch((err) => {
      if (!isNotFound(err)) throw err;
    });
  };
  return pods.on({ add: finish, update: finish });
}

export interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: string }>;
  ready?: boolean | 'Unknown';
  unschedulable?: boolean;
}

export async function createNode(client: Client, name: string, opts: NodeOptions = {}): Promise<KubeObject> {
  const capacity = { cpu: opts.cpu ?? '4', memory: opts.memory ?? '8Gi', pods: String(opts.pods ?? 110), 'ephemeral-storage': '100Gi' };
  const node = await client.create({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(opts.labels ?? {}) } },
    spec: { ...(opts.taints ? { taints: opts.taints } : {}), ...(opts.unschedulable ? { unschedulable: true } : {}) },
  });
  const readyStatus = opts.ready === undefined ? 'True' : opts.ready === 'Unknown' ? 'Unknown' : opts.ready ? 'True' : 'False';
  const now = rfc3339(client.clock.now());
  // Controllers under test may touch the node in between; post status as a kubelet would, on the latest.
  return retryOnConflict(() => client.updateStatus({
    ...client.get('v1', 'Node', undefined, node.metadata.name!),
    status: {
      capacity,
      allocatable: capacity,
      conditions: [{ type: 'Ready', status: readyStatus, reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }],
      addresses: [{ type: 'InternalIP', address: '192.168.65.3' }, { type: 'Hostname', address: name }],
    },
  }));
}

/** client-go's RetryOnConflict: read, change, write, again if someone wrote in between. */
export async function retryOnConflict<T>(fn: () => Promise<T>, attempts = 10): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (!isConflict(err) || i >= attempts) throw err;
    }
  }
}
