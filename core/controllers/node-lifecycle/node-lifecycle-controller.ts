import type { KubeObject } from '../../api/types.js';
import { isConflict, isNotFound, runController, WorkQueue, type RunningController } from '../../client/index.js';
import { rfc3339 } from '../../util/clock.js';
import type { ControllerContext } from '../types.js';
import { getCondition } from '../shared/conditions.js';
import { reconcileTaints } from './node-taints.js';

export interface NodeLifecycleConfig {
  /** A node whose Lease and heartbeat are older than this is Unknown (upstream: 40 s). */
  gracePeriodMs?: number;
  /** A node that never posted status has this long from its creation (upstream: 60 s). */
  startupGracePeriodMs?: number;
}

const NODE_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];
const SLEEP_SLACK_MS = 10_000;

function lastHeartbeat(node: KubeObject, lease: KubeObject | undefined): number | undefined {
  const times = [Date.parse(lease?.spec?.renewTime ?? ''), ...((node.status?.conditions ?? []) as any[]).map((c) => Date.parse(c.lastHeartbeatTime ?? ''))].filter((t) => !Number.isNaN(t));
  return times.length ? Math.max(...times) : undefined;
}

/**
 * A light node lifecycle controller: a node whose kubelet stopped renewing its Lease and posting
 * status for the grace period gets Unknown conditions, and its pods are marked not ready; the
 * not-ready / unreachable taints (NoSchedule and NoExecute) follow the Ready condition, and the
 * pressure and unschedulable taints follow theirs. Pods are not evicted.
 */
export function startNodeLifecycleController(ctx: ControllerContext, config: NodeLifecycleConfig = {}): RunningController {
  const grace = config.gracePeriodMs ?? 40_000;
  const startupGrace = config.startupGracePeriodMs ?? 60_000;
  const client = ctx.client.as('node-controller');
  const queue = new WorkQueue({ clock: ctx.clock });
  const nodes = ctx.informers.for('v1', 'Node');
  const leases = ctx.informers.for('coordination.k8s.io/v1', 'Lease');
  const pods = ctx.informers.for('v1', 'Pod');
  // When this controller last looked at each node. It looks at least every grace period, so a
  // much longer gap means the whole machine slept (a laptop lid): the kubelet slept too and gets
  // a fresh grace period instead of being declared dead on wake-up.
  const lastLook = new Map<string, number>();
  pods.addIndexer('node-name', (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
  const unsubscribe = [
    nodes.on({ add: (n) => queue.add(n.metadata.name!), update: (n) => queue.add(n.metadata.name!) }),
    leases.on({ add: (l) => l.metadata.namespace === 'kube-node-lease' && queue.add(l.metadata.name!), update: (l) => l.metadata.namespace === 'kube-node-lease' && queue.add(l.metadata.name!) }),
  ];

  const markPodsNotReady = async (nodeName: string) => {
    const now = rfc3339(ctx.clock.now());
    for (const pod of pods.byIndex('node-name', nodeName)) {
      const conds = (pod.status?.conditions ?? []) as any[];
      if (getCondition(conds, 'Ready')?.status !== 'True') continue;
      const next = conds.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: now } : c));
      try {
        await client.updateStatus({ ...pod, status: { ...pod.status, conditions: next } });
      } catch (err) {
        if (!isNotFound(err) && !isConflict(err)) throw err;
      }
    }
  };

  return runController({
    name: 'node-lifecycle-controller',
    queue,
    logger: ctx.logger,
    async reconcile(name) {
      let node = nodes.get(undefined, name);
      if (!node) {
        lastLook.delete(name);
        return;
      }
      const now = ctx.clock.now();
      const beat = lastHeartbeat(node, leases.get('kube-node-lease', name));
      const ready = getCondition(node.status?.conditions, 'Ready');
      const looked = lastLook.get(name);
      lastLook.set(name, now);
      const slept = looked !== undefined && now - looked > grace + SLEEP_SLACK_MS;
      const since = slept ? now : (beat ?? (Date.parse(node.metadata.creationTimestamp ?? '') || now));
      const allowed = beat === undefined ? startupGrace : grace;
      const stale = now - since > allowed;
      if (stale && ready?.status !== 'Unknown') {
        const t = rfc3339(now);
        const conds = ((node.status?.conditions ?? []) as any[]).map((c) => (NODE_CONDITIONS.includes(c.type) ? { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: t } : c));
        if (!ready) conds.push({ type: 'Ready', status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: t, lastTransitionTime: t });
        node = await client.updateStatus({ ...node, status: { ...node.status, conditions: conds } });
        await markPodsNotReady(name);
      }
      const taints = reconcileTaints(node, now);
      if (taints) {
        const spec = { ...node.spec, taints };
        if (!taints.length) delete spec.taints;
        await client.update({ ...node, spec });
      }
      if (getCondition(node.status?.conditions, 'Ready')?.status === 'Unknown') return;
      return { requeueAfterMs: Math.max(1000, since + allowed - now + 1000) };
    },
    onStop: unsubscribe,
  });
}
