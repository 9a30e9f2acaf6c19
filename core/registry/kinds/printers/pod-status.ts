import type { KubeObject } from '../../../api/types.js';
import { humanDuration } from '../../../api/duration.js';

// The READY / STATUS / RESTARTS summary kubectl shows for a pod, following the order
// of upstream's printPod: pod reason, scheduling gate, init containers, then the
// app containers walked from last to first so the first container's state wins.

interface ContainerState {
  waiting?: { reason?: string };
  running?: object;
  terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string };
}

interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
}

export interface PodSummary {
  ready: string;
  reason: string;
  restarts: string;
}

/** Milliseconds of a finished-at time, 0 when unset (Go's zero time never wins `Before`). */
function finishedAt(status: ContainerStatus): number {
  const t = status.lastState?.terminated ? Date.parse(status.lastState.terminated.finishedAt ?? '') : NaN;
  return Number.isNaN(t) ? 0 : t;
}

function conditionTrue(conditions: Condition[], type: string): boolean {
  const c = conditions.find((x) => x.type === type);
  return c?.status === 'True';
}

function terminatedReason(t: NonNullable<ContainerState['terminated']>, prefix: string): string {
  if (t.reason) return `${prefix}${t.reason}`;
  if (t.signal) return `${prefix}Signal:${t.signal}`;
  return `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

export function summarizePod(pod: KubeObject, now: number): PodSummary {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const conditions: Condition[] = status.conditions ?? [];
  const initSpecs: Array<{ name?: string; restartPolicy?: string }> = spec.initContainers ?? [];
  // Sidecars (init containers that always restart) count as app containers.
  const sidecars = new Set(initSpecs.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const total = (spec.containers ?? []).length + sidecars.size;

  const phase: string = status.phase ?? '';
  let reason: string = status.reason || phase;
  if (conditions.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  let ready = 0;
  let restarts = 0;
  let lastRestart = 0;
  let sidecarRestarts = 0;
  let sidecarLastRestart = 0;
  let initializing = false;

  const initStatuses: ContainerStatus[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    const sidecar = sidecars.has(c.name);
    restarts += c.restartCount ?? 0;
    lastRestart = Math.max(lastRestart, finishedAt(c));
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      sidecarLastRestart = Math.max(sidecarLastRestart, finishedAt(c));
    }
    const { terminated, waiting } = c.state ?? {};
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && c.started === true) {
      if (c.ready) ready++;
      continue;
    }
    if (terminated) reason = terminatedReason(terminated, 'Init:');
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') reason = `Init:${waiting.reason}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(conditions, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = sidecarLastRestart;
    let hasRunning = false;
    let errorReason = '';
    const statuses: ContainerStatus[] = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      lastRestart = Math.max(lastRestart, finishedAt(c));
      const { waiting, terminated, running } = c.state ?? {};
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated) {
        reason = terminatedReason(terminated, '');
        if ((terminated.exitCode ?? 0) !== 0) errorReason = reason;
      } else if (c.ready && running) {
        hasRunning = true;
        ready++;
      }
    }
    // A finished container next to running ones does not make the pod Completed.
    if (reason === 'Completed') {
      if (hasRunning && conditionTrue(conditions, 'Ready')) reason = 'Running';
      else if (errorReason) reason = errorReason;
      else if (hasRunning) reason = 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  const restartText = restarts !== 0 && lastRestart !== 0 ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  return { ready: `${ready}/${total}`, reason, restarts: restartText };
}
