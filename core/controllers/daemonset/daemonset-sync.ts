import type { KubeObject } from '../../api/types.js';
import { isNotFound, objectKey, type Client, type EventRecorder } from '../../client/index.js';
import type { Clock } from '../../util/clock.js';
import { REVISION_HASH_LABEL } from '../shared/controller-history.js';
import type { Expectations } from '../shared/expectations.js';
import { scaledValue } from '../shared/int-or-percent.js';
import { creationMs, isPodAvailable, podPhase } from '../shared/pod-state.js';
import { slowStartBatch } from '../shared/pod-template.js';
import { daemonPodSpec, newDaemonPod } from './daemon-pod.js';
import { nodeShouldRunDaemonPod } from './node-fit.js';

export interface DaemonDeps {
  client: Client;
  recorder: EventRecorder;
  expectations: Expectations;
  clock: Clock;
  /** Per ds/node: when a failed pod may next be replaced, and the current delay. */
  failedBackoff: Map<string, { until: number; delay: number }>;
}

const BACKOFF_INITIAL_MS = 1000;
const BACKOFF_MAX_MS = 15 * 60_000;

const isUpdated = (pod: KubeObject, hash: string) => pod.metadata.labels?.[REVISION_HASH_LABEL] === hash;

/**
 * Upstream's manage: a pod for every node that should run one, none on nodes that should not,
 * failed pods replaced (with back-off), extra pods on a node removed (the oldest stays).
 * Returns a requeue delay while a failed pod waits out its back-off.
 */
export async function manage(deps: DaemonDeps, ds: KubeObject, nodes: KubeObject[], byNode: Map<string, KubeObject[]>, orphans: KubeObject[], hash: string): Promise<number | undefined> {
  const spec = daemonPodSpec(ds.spec?.template);
  const create: string[] = [];
  const remove: KubeObject[] = [...orphans.filter((p) => !p.metadata.deletionTimestamp)];
  let requeue: number | undefined;
  const now = deps.clock.now();
  for (const node of nodes) {
    const name = node.metadata.name!;
    const { shouldRun, shouldContinue } = nodeShouldRunDaemonPod(spec, node);
    const pods = byNode.get(name) ?? [];
    if (shouldRun && !pods.length) {
      create.push(name);
      continue;
    }
    if (!shouldContinue) {
      remove.push(...pods.filter((p) => !p.metadata.deletionTimestamp));
      continue;
    }
    const running: KubeObject[] = [];
    for (const p of pods) {
      if (p.metadata.deletionTimestamp) continue;
      const phase = podPhase(p);
      if (phase === 'Failed') {
        const key = `${objectKey(ds)}/${name}`;
        const b = deps.failedBackoff.get(key);
        if (b && b.until > now) {
          requeue = Math.min(requeue ?? Infinity, b.until - now);
          continue;
        }
        const delay = b ? Math.min(BACKOFF_MAX_MS, b.delay * 2) : BACKOFF_INITIAL_MS;
        deps.failedBackoff.set(key, { until: now + delay, delay });
        deps.recorder.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${name}, will try to kill it`);
        remove.push(p);
      } else if (phase === 'Succeeded') remove.push(p);
      else running.push(p);
    }
    if (running.length > 1 && !allowsSurge(ds)) remove.push(...running.sort((a, b) => creationMs(a) - creationMs(b)).slice(1));
  }
  await syncNodes(deps, ds, create, remove, hash);
  return requeue;
}

function allowsSurge(ds: KubeObject): boolean {
  const s = ds.spec?.updateStrategy;
  return (s?.type ?? 'RollingUpdate') === 'RollingUpdate' && !!s?.rollingUpdate?.maxSurge && s.rollingUpdate.maxSurge !== '0%';
}

async function syncNodes(deps: DaemonDeps, ds: KubeObject, create: string[], remove: KubeObject[], hash: string): Promise<void> {
  const key = objectKey(ds);
  if (create.length) {
    deps.expectations.expectCreations(key, create.length);
    const { successes, error } = await slowStartBatch(create.length, 1, async (i) => {
      try {
        const pod = await deps.client.create(newDaemonPod(ds, ds.spec?.template, hash, create[i]));
        deps.recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
      } catch (err) {
        deps.expectations.lowerCreations(key);
        deps.recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`);
        throw err;
      }
    });
    const attempted = successes + (error ? 1 : 0);
    if (create.length > attempted) deps.expectations.lowerCreations(key, create.length - attempted);
    if (error) throw error;
  }
  if (remove.length) {
    deps.expectations.expectDeletions(
      key,
      remove.map((p) => objectKey(p)),
    );
    await Promise.all(
      remove.map(async (p) => {
        try {
          await deps.client.delete('v1', 'Pod', p.metadata.namespace, p.metadata.name!, { preconditions: { uid: p.metadata.uid } });
          deps.recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
        } catch (err) {
          deps.expectations.deletionObserved(key, objectKey(p));
          if (!isNotFound(err)) throw err;
        }
      }),
    );
  }
}

/**
 * Upstream's rollingUpdate without surge: old pods go while fewer than maxUnavailable daemon
 * pods are unavailable (unavailable old pods may always go); manage then creates their
 * replacements from the current revision. With maxSurge, the new pod comes first and the old
 * one goes once the new one is available.
 */
export async function rollingUpdate(deps: DaemonDeps, ds: KubeObject, byNode: Map<string, KubeObject[]>, desired: number, hash: string): Promise<void> {
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const now = deps.clock.now();
  const ru = ds.spec?.updateStrategy?.rollingUpdate ?? {};
  const maxSurge = scaledValue(ru.maxSurge, desired, true);
  let maxUnavailable = scaledValue(ru.maxUnavailable, desired, true, 1);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  const available = (p: KubeObject) => isPodAvailable(p, minReady, now);
  let unavailable = 0;
  const allowed: KubeObject[] = [];
  const candidates: KubeObject[] = [];
  const surgeNodes: string[] = [];
  for (const [node, all] of byNode) {
    const pods = all.filter((p) => !p.metadata.deletionTimestamp);
    const fresh = pods.filter((p) => isUpdated(p, hash));
    const old = pods.filter((p) => !isUpdated(p, hash));
    if (fresh.length > 1 || old.length > 1) continue;
    const [newPod] = fresh;
    const [oldPod] = old;
    if ((!newPod && !oldPod) || (newPod && oldPod && maxSurge === 0)) unavailable++;
    else if (newPod && oldPod) {
      if (available(newPod)) allowed.push(oldPod);
      else unavailable++;
    } else if (newPod) {
      if (!available(newPod)) unavailable++;
    } else if (!available(oldPod)) allowed.push(oldPod);
    else if (maxSurge > 0) surgeNodes.push(node);
    else candidates.push(oldPod);
  }
  if (maxSurge > 0) {
    const room = Math.max(0, maxSurge - [...byNode.values()].filter((ps) => ps.filter((p) => !p.metadata.deletionTimestamp).length > 1).length);
    await syncNodes(deps, ds, surgeNodes.slice(0, room), allowed, hash);
    return;
  }
  const remaining = Math.max(0, maxUnavailable - unavailable);
  await syncNodes(deps, ds, [], [...allowed, ...candidates.slice(0, remaining)], hash);
}
