import type { KubeObject } from '../api/types.js';
import { EventRecorder, isConflict, isNotFound, objectKey, runController, WorkQueue, type RunningController } from '../client/index.js';
import { rfc3339 } from '../util/clock.js';
import type { ControllerContext } from '../controllers/types.js';
import { NodeCache, podKey } from './node-info.js';
import { defaultFilters, defaultScores } from './plugins/index.js';
import { podInfoFor, scheduleOne, type Profile } from './schedule-one.js';
import { SchedulingQueue } from './scheduling-queue.js';
import { nodeChangeMatters, specChanged } from './watch-filters.js';

export interface SchedulerConfig {
  schedulerName?: string;
  /** Concurrent scheduling loops; decisions are synchronous, so this bounds bindings in flight. */
  workers?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Parked pods are retried after this long even if nothing changed (upstream: 5 min). */
  maxUnschedulableMs?: number;
  profile?: Profile;
}

const FLUSH_INTERVAL_MS = 30_000;

/**
 * The scheduler: pods without a node and for this scheduler go through the queue; each attempt
 * filters and scores the cached nodes, assumes the choice, and binds with a Binding. A pod that
 * fits nowhere gets PodScheduled=False/Unschedulable and a FailedScheduling event, and waits
 * for a node or pod change.
 */
export function startScheduler(ctx: ControllerContext, config: SchedulerConfig = {}): RunningController {
  const schedulerName = config.schedulerName ?? 'default-scheduler';
  const profile = config.profile ?? { filters: defaultFilters, scores: defaultScores };
  const client = ctx.client.as('default-scheduler');
  const recorder = new EventRecorder(client, { component: 'default-scheduler' });
  const queue = new WorkQueue({ clock: ctx.clock });
  const sq = new SchedulingQueue({ queue, clock: ctx.clock, initialBackoffMs: config.initialBackoffMs ?? 1000, maxBackoffMs: config.maxBackoffMs ?? 10_000 });
  const cache = new NodeCache();
  const binding = new Set<string>();
  const pods = ctx.informers.for('v1', 'Pod');
  const nodes = ctx.informers.for('v1', 'Node');

  const responsible = (pod: KubeObject) =>
    !pod.spec?.nodeName && !pod.metadata.deletionTimestamp && (pod.spec?.schedulerName ?? 'default-scheduler') === schedulerName && !(pod.spec?.schedulingGates ?? []).length;

  const unsubscribe = [
    nodes.on({
      add: (n) => {
        cache.upsertNode(n);
        sq.moveAllToActive();
      },
      update: (n, old) => {
        cache.upsertNode(n);
        if (nodeChangeMatters(n, old)) sq.moveAllToActive();
      },
      delete: (n) => cache.removeNode(n.metadata.name!),
    }),
    pods.on({
      add: (p) => {
        if (p.spec?.nodeName) cache.updatePod(p);
        else if (responsible(p)) sq.add(objectKey(p));
      },
      update: (p, old) => {
        if (p.spec?.nodeName) {
          cache.updatePod(p);
          if (!old.spec?.nodeName) sq.done(objectKey(p));
          const finished = (s: KubeObject) => s.status?.phase === 'Succeeded' || s.status?.phase === 'Failed';
          if (finished(p) && !finished(old)) sq.moveAllToActive();
        } else if (responsible(p) && (specChanged(p, old) || !responsible(old))) sq.add(objectKey(p));
      },
      delete: (p) => {
        if (p.spec?.nodeName) {
          cache.removePod(podKey(p));
          sq.moveAllToActive();
        } else sq.done(objectKey(p));
      },
    }),
  ];

  const recordFailure = async (pod: KubeObject, message: string) => {
    recorder.event(pod, 'Warning', 'FailedScheduling', message);
    const conds = (pod.status?.conditions ?? []) as Array<Record<string, unknown>>;
    const cur = conds.find((c) => c.type === 'PodScheduled');
    if (cur?.status === 'False' && cur.reason === 'Unschedulable' && cur.message === message) return;
    const cond = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: cur?.status === 'False' && cur.lastTransitionTime ? cur.lastTransitionTime : rfc3339(ctx.clock.now()),
      reason: 'Unschedulable',
      message,
    };
    try {
      await client.updateStatus({ ...pod, status: { phase: 'Pending', ...pod.status, conditions: [...conds.filter((c) => c.type !== 'PodScheduled'), cond] } });
    } catch (err) {
      // A newer version of the pod is already on its way through the queue.
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  };

  const controller = runController({
    name: 'scheduler',
    queue,
    logger: ctx.logger,
    workers: config.workers ?? 8,
    async reconcile(key) {
      const pod = pods.getByKey(key);
      if (!pod || !responsible(pod)) return sq.done(key);
      if (binding.has(key)) return;
      const result = scheduleOne(profile, podInfoFor(pod), cache.nodes());
      if (result.node === undefined) {
        sq.markUnschedulable(key);
        await recordFailure(pod, result.message);
        return;
      }
      cache.assume(pod, result.node);
      binding.add(key);
      try {
        await client.create({ apiVersion: 'v1', kind: 'Binding', metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid }, target: { apiVersion: 'v1', kind: 'Node', name: result.node } });
      } catch (err) {
        cache.forget(key);
        if (isNotFound(err)) return sq.done(key);
        const fresh = pods.getByKey(key);
        if (!fresh || !responsible(fresh)) return sq.done(key);
        sq.markError(key);
        recorder.event(pod, 'Warning', 'FailedScheduling', `Binding rejected: ${(err as Error).message}`);
        return;
      } finally {
        binding.delete(key);
      }
      sq.done(key);
      recorder.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${result.node}`);
    },
  });

  let flushTimer: { cancel(): void } | undefined;
  const maxParked = config.maxUnschedulableMs ?? 5 * 60_000;
  const flush = () => {
    sq.flushStale(maxParked);
    flushTimer = ctx.clock.setTimeout(flush, FLUSH_INTERVAL_MS);
  };
  flushTimer = ctx.clock.setTimeout(flush, FLUSH_INTERVAL_MS);
  nodes.start();
  pods.start();

  return {
    name: controller.name,
    idle: controller.idle,
    stop() {
      flushTimer?.cancel();
      for (const u of unsubscribe) u();
      controller.stop();
    },
  };
}
