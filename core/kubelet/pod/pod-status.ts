import type { KubeObject } from '../../api/types.js';
import { rfc3339 } from '../../util/clock.js';
import { restartCountOf } from '../runtime/labels.js';
import type { ContainerDetails } from '../runtime/types.js';
import { latestOf, previousOf, type PodView } from './pod-view.js';
import { qosClass } from './qos.js';

export interface Waiting {
  reason: string;
  message?: string;
}

export interface ProbeView {
  /** Readiness verdict, undefined when the container has no readiness probe. */
  ready(containerId: string): boolean | undefined;
  started(containerId: string): boolean | undefined;
  hasReadiness(containerId: string): boolean;
  hasStartup(containerId: string): boolean;
}

export interface StatusInput {
  pod: KubeObject;
  view: PodView;
  now: number;
  hostIP: string;
  podIP: string;
  startTime: number;
  waiting: Map<string, Waiting>;
  probes: ProbeView;
  terminal?: 'Succeeded' | 'Failed';
  terminating: boolean;
  sandboxReady: boolean;
  terminationMessage(d: ContainerDetails): string | undefined;
  imageId(d: ContainerDetails): string;
}

const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready']);

/** The status a real kubelet would report for what the runtime shows. */
export function computeStatus(input: StatusInput): Record<string, any> {
  const { pod, view } = input;
  const spec = pod.spec ?? {};
  const initSpecs: any[] = spec.initContainers ?? [];
  const specs: any[] = spec.containers ?? [];
  const initPending = initSpecs.filter((c) => c.restartPolicy !== 'Always').filter((c) => !succeeded(latestOf(view, c.name))).map((c) => c.name);
  const sidecarsNotStarted = initSpecs.filter((c) => c.restartPolicy === 'Always').filter((c) => !isStarted(input, latestOf(view, c.name))).map((c) => c.name);
  const initialized = initPending.length === 0 && sidecarsNotStarted.length === 0;
  const initStatuses = initSpecs.map((c) => containerStatus(input, c, initialized ? undefined : 'PodInitializing', true));
  const statuses = specs.map((c) => containerStatus(input, c, initialized ? undefined : 'PodInitializing', false));
  const phase = input.terminal ?? computePhase(pod, view, initialized, input.waiting);
  const generation = pod.metadata.generation;
  const notReady = statuses.filter((s) => !s.ready).map((s) => s.name);
  const sidecarsNotReady = initStatuses.filter((s, i) => initSpecs[i].restartPolicy === 'Always' && !s.ready).map((s) => s.name);
  const allNotReady = [...sidecarsNotReady, ...notReady];
  const completed = phase === 'Succeeded' || phase === 'Failed';
  const containersReady = !completed && allNotReady.length === 0 && !input.terminating;
  const gates = readinessGates(pod);
  const conditions: any[] = [
    cond('PodReadyToStartContainers', input.sandboxReady && !completed),
    completed
      ? cond('Initialized', initialized, initialized ? 'PodCompleted' : 'ContainersNotInitialized', initialized ? undefined : `containers with incomplete status: [${initPending.join(' ')}]`)
      : cond('Initialized', initialized, initialized ? undefined : 'ContainersNotInitialized', initialized ? undefined : `containers with incomplete status: [${[...initPending, ...sidecarsNotStarted].join(' ')}]`),
    containersReadyCondition('ContainersReady', containersReady, completed, allNotReady),
    containersReady && gates.ok
      ? cond('Ready', true)
      : !containersReady
        ? containersReadyCondition('Ready', false, completed, allNotReady)
        : cond('Ready', false, 'ReadinessGatesNotReady', gates.message),
  ];
  for (const c of conditions) if (generation !== undefined) c.observedGeneration = generation;
  const podIPs = input.podIP ? [{ ip: input.podIP }] : undefined;
  return {
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
    phase,
    conditions,
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
    ...(input.podIP ? { podIP: input.podIP, podIPs } : {}),
    startTime: rfc3339(input.startTime),
    ...(initStatuses.length ? { initContainerStatuses: initStatuses } : {}),
    containerStatuses: statuses,
    qosClass: qosClass(spec),
  };
}

function readinessGates(pod: KubeObject): { ok: boolean; message?: string } {
  const existing: any[] = pod.status?.conditions ?? [];
  for (const g of pod.spec?.readinessGates ?? []) {
    const c = existing.find((x) => x.type === g.conditionType);
    if (!c) return { ok: false, message: `corresponding condition of pod readiness gate "${g.conditionType}" does not exist.` };
    if (c.status !== 'True') return { ok: false, message: `the status of pod readiness gate "${g.conditionType}" is not "True", but ${c.status}` };
  }
  return { ok: true };
}

function containersReadyCondition(type: string, ok: boolean, completed: boolean, notReady: string[]): any {
  if (ok) return cond(type, true);
  if (completed) return cond(type, false, 'PodCompleted');
  return cond(type, false, 'ContainersNotReady', `containers with unready status: [${notReady.join(' ')}]`);
}

function cond(type: string, ok: boolean, reason?: string, message?: string): any {
  return { type, status: ok ? 'True' : 'False', lastProbeTime: null, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

function succeeded(d: ContainerDetails | undefined): boolean {
  return d?.state === 'exited' && d.exitCode === 0;
}

function isStarted(input: StatusInput, d: ContainerDetails | undefined): boolean {
  if (d?.state !== 'running') return false;
  return input.probes.hasStartup(d.id) ? input.probes.started(d.id) === true : true;
}

function terminated(input: StatusInput, d: ContainerDetails): any {
  const message = input.terminationMessage(d);
  return {
    terminated: {
      exitCode: d.exitCode,
      reason: d.oomKilled ? 'OOMKilled' : d.exitCode === 0 ? 'Completed' : 'Error',
      ...(message ? { message } : {}),
      startedAt: d.startedAt ? rfc3339(d.startedAt) : null,
      finishedAt: d.finishedAt ? rfc3339(d.finishedAt) : null,
      containerID: `docker://${d.id}`,
    },
  };
}

function containerStatus(input: StatusInput, c: any, blockedReason: string | undefined, init: boolean): any {
  const latest = latestOf(input.view, c.name);
  const prev = previousOf(input.view, c.name);
  const waiting = input.waiting.get(c.name);
  const base = { name: c.name, image: c.image, imageID: '', restartCount: 0, ready: false, started: false, lastState: {} as any };
  if (!latest) {
    const reason = waiting?.reason ?? (blockedReason && !init ? blockedReason : 'ContainerCreating');
    return { ...base, state: { waiting: { reason, ...(waiting?.message ? { message: waiting.message } : {}) } } };
  }
  const out: any = { ...base, restartCount: restartCountOf(latest), containerID: `docker://${latest.id}`, imageID: input.imageId(latest) };
  if (latest.state === 'running') {
    const started = input.probes.hasStartup(latest.id) ? input.probes.started(latest.id) === true : true;
    const ready = !started ? false : input.probes.hasReadiness(latest.id) ? input.probes.ready(latest.id) === true : true;
    out.state = { running: { startedAt: rfc3339(latest.startedAt || latest.createdAt) } };
    out.started = started;
    out.ready = ready && !input.terminating;
    if (prev?.state === 'exited') out.lastState = terminated(input, prev);
  } else if (latest.state === 'exited') {
    if (waiting && !input.terminal && !input.terminating) {
      out.state = { waiting: { reason: waiting.reason, ...(waiting.message ? { message: waiting.message } : {}) } };
      out.lastState = terminated(input, latest);
    } else {
      out.state = terminated(input, latest);
      if (prev?.state === 'exited') out.lastState = terminated(input, prev);
    }
  } else {
    out.state = { waiting: { reason: waiting?.reason ?? 'ContainerCreating', ...(waiting?.message ? { message: waiting.message } : {}) } };
    if (prev?.state === 'exited') out.lastState = terminated(input, prev);
  }
  return out;
}

/** Upstream's getPhase for a pod that has not been made terminal yet. */
export function computePhase(pod: KubeObject, view: PodView, initialized: boolean, waiting: Map<string, Waiting>): string {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (!initialized) {
    const failedInit = (pod.spec?.initContainers ?? []).some((c: any) => c.restartPolicy !== 'Always' && latestOf(view, c.name)?.state === 'exited' && latestOf(view, c.name)!.exitCode !== 0);
    return failedInit && policy === 'Never' ? 'Failed' : 'Pending';
  }
  let running = 0;
  let waitingCount = 0;
  let stopped = 0;
  let ok = 0;
  for (const c of pod.spec?.containers ?? []) {
    const d = latestOf(view, c.name);
    if (d?.state === 'running') running++;
    else if (d?.state === 'exited') {
      stopped++;
      if (d.exitCode === 0) ok++;
    } else if (d && restartCountOf(d) > 0) stopped++;
    else waitingCount++;
  }
  void waiting;
  if (waitingCount > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === ok) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** Keeps conditions others own (readiness gates, PodScheduled from the scheduler) and the transition times of unchanged ones. */
export function mergeConditions(existing: any[] | undefined, ours: any[], now: number): any[] {
  const old = new Map((existing ?? []).map((c) => [c.type, c]));
  const out: any[] = [];
  if (!old.has('PodScheduled')) out.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(now) });
  for (const c of existing ?? []) if (!KUBELET_CONDITIONS.has(c.type)) out.push(c);
  for (const c of ours) {
    const prev = old.get(c.type);
    out.push({ ...c, lastTransitionTime: prev && prev.status === c.status ? prev.lastTransitionTime : rfc3339(now) });
  }
  const order = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];
  return out.sort((a, b) => rank(order, a.type) - rank(order, b.type));
}

function rank(order: string[], t: string): number {
  const i = order.indexOf(t);
  return i < 0 ? order.length : i;
}
