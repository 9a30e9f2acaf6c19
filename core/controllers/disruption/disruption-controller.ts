import type { KubeObject } from '../../api/types.js';
import { matchesLabels, selectorFromObject } from '../../api/labels.js';
import { objectKey, runController, WorkQueue, type RunningController } from '../../client/index.js';
import type { ControllerContext } from '../types.js';
import { newCondition, setCondition } from '../shared/conditions.js';
import { scaledValue } from '../shared/int-or-percent.js';
import { isPodReady } from '../shared/pod-state.js';
import { writeStatus } from '../shared/status.js';
import { expectedScale } from './expected-scale.js';

/** Upstream's DeletionTimeout: an eviction not followed by a deletion within this is forgotten. */
const DISRUPTED_POD_TIMEOUT_MS = 2 * 60_000;

/**
 * PodDisruptionBudget status, which eviction (and so `kubectl drain`) reads: healthy pods,
 * how many must stay, how many may go, and the DisruptionAllowed condition.
 */
export function startDisruptionController(ctx: ControllerContext): RunningController {
  const client = ctx.client.as('disruption-controller');
  const queue = new WorkQueue({ clock: ctx.clock });
  const pdbs = ctx.informers.for('policy/v1', 'PodDisruptionBudget');
  const pods = ctx.informers.for('v1', 'Pod');
  const src = {
    replicaSets: ctx.informers.for('apps/v1', 'ReplicaSet'),
    deployments: ctx.informers.for('apps/v1', 'Deployment'),
    controllers: ctx.informers.for('v1', 'ReplicationController'),
    statefulSets: ctx.informers.for('apps/v1', 'StatefulSet'),
  };
  // policy/v1: an empty selector selects every pod; a missing one none.
  const selects = (pdb: KubeObject, labels: Record<string, string> | undefined) => {
    const sel = pdb.spec?.selector ? selectorFromObject(pdb.spec.selector) : null;
    return sel !== null && matchesLabels(sel, labels);
  };
  const forPod = (pod: KubeObject) => {
    for (const pdb of pdbs.byIndex('namespace', pod.metadata.namespace!)) if (selects(pdb, pod.metadata.labels)) queue.add(objectKey(pdb));
  };
  const everyPdb = (obj: KubeObject) => {
    for (const pdb of pdbs.byIndex('namespace', obj.metadata.namespace!)) queue.add(objectKey(pdb));
  };
  const unsubscribe = [
    pdbs.on({ add: (p) => queue.add(objectKey(p)), update: (p) => queue.add(objectKey(p)) }),
    pods.on({ add: forPod, update: (p, old) => (forPod(p), forPod(old)), delete: forPod }),
    ...Object.values(src).map((inf) => inf.on({ update: everyPdb })),
  ];

  return runController({
    name: 'disruption-controller',
    queue,
    logger: ctx.logger,
    workers: 2,
    async reconcile(key) {
      const pdb = pdbs.getByKey(key);
      if (!pdb || pdb.metadata.deletionTimestamp) return;
      const now = ctx.clock.now();
      const matching = pods.byIndex('namespace', pdb.metadata.namespace!).filter((p) => selects(pdb, p.metadata.labels));
      const byName = new Map(matching.map((p) => [p.metadata.name!, p]));
      const disrupted: Record<string, string> = {};
      let nextExpiry: number | undefined;
      for (const [name, at] of Object.entries((pdb.status?.disruptedPods ?? {}) as Record<string, string>)) {
        const p = byName.get(name);
        const expires = Date.parse(at) + DISRUPTED_POD_TIMEOUT_MS;
        if (!p || p.metadata.deletionTimestamp || expires <= now) continue;
        disrupted[name] = at;
        nextExpiry = Math.min(nextExpiry ?? Infinity, expires - now);
      }
      const healthy = matching.filter((p) => !p.metadata.deletionTimestamp && isPodReady(p) && !disrupted[p.metadata.name!]).length;
      let expected: number;
      let desired: number;
      const { minAvailable, maxUnavailable } = pdb.spec ?? {};
      if (maxUnavailable !== undefined) {
        expected = expectedScale(src, matching);
        desired = Math.max(0, expected - scaledValue(maxUnavailable, expected, true));
      } else if (typeof minAvailable === 'number' || /^\d+$/.test(String(minAvailable ?? ''))) {
        expected = matching.length;
        desired = Number(minAvailable);
      } else if (minAvailable !== undefined) {
        expected = expectedScale(src, matching);
        desired = scaledValue(minAvailable, expected, true);
      } else {
        expected = matching.length;
        desired = 0;
      }
      let allowed = healthy - desired;
      if (expected <= 0 || allowed <= 0) allowed = 0;
      const cond = allowed > 0 ? newCondition('DisruptionAllowed', 'True', 'SufficientPods', '', now) : newCondition('DisruptionAllowed', 'False', 'InsufficientPods', '', now);
      cond.observedGeneration = pdb.metadata.generation;
      const conditions = setCondition(pdb.status?.conditions, cond).map((c) => (c.type === 'DisruptionAllowed' ? { ...c, observedGeneration: pdb.metadata.generation } : c));
      await writeStatus(client, pdb, {
        observedGeneration: pdb.metadata.generation,
        ...(Object.keys(disrupted).length ? { disruptedPods: disrupted } : {}),
        disruptionsAllowed: allowed,
        currentHealthy: healthy,
        desiredHealthy: desired,
        expectedPods: expected,
        conditions,
      });
      return nextExpiry === undefined ? undefined : { requeueAfterMs: nextExpiry };
    },
    onStop: unsubscribe,
  });
}
