import type { KubeObject } from '../../api/types.js';
import type { Clock } from '../../util/clock.js';
import type { ContainerRuntime } from '../runtime/types.js';
import { runCheck, type ProbeTarget } from './probe-runner.js';

export type ProbeType = 'liveness' | 'readiness' | 'startup';

export interface ProbeManagerConfig {
  runtime: ContainerRuntime;
  clock: Clock;
  /** A probe's result changed: the pod needs a sync. */
  onChange(podUid: string): void;
  event(pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
}

export interface ProbedContainer extends ProbeTarget {
  startedAt: number;
}

interface Worker {
  type: ProbeType;
  containerId: string;
  result?: boolean;
  successes: number;
  failures: number;
  timer?: { cancel(): void };
  stopped: boolean;
}

const TYPES: Array<[ProbeType, string]> = [
  ['startup', 'startupProbe'],
  ['liveness', 'livenessProbe'],
  ['readiness', 'readinessProbe'],
];

const LABEL: Record<ProbeType, string> = { startup: 'Startup', liveness: 'Liveness', readiness: 'Readiness' };

/**
 * One worker per probe of each running container (keyed by container ID, so a restarted
 * container starts from scratch), each on its own timer, thresholds applied as upstream does.
 * Liveness and readiness wait until the startup probe has succeeded.
 */
export class ProbeManager {
  private readonly workers = new Map<string, Worker>();
  private readonly pods = new Map<string, { pod: KubeObject; targets: Map<string, ProbedContainer> }>();

  constructor(private readonly config: ProbeManagerConfig) {}

  /** Makes the workers match the running containers of a pod. */
  sync(pod: KubeObject, running: ProbedContainer[]): void {
    const uid = pod.metadata.uid!;
    const targets = new Map(running.map((c) => [c.containerId, c]));
    this.pods.set(uid, { pod, targets });
    const wanted = new Set<string>();
    for (const c of running) {
      for (const [type, field] of TYPES) {
        if (!c.container[field]) continue;
        const key = `${uid}/${c.containerId}/${type}`;
        wanted.add(key);
        if (!this.workers.has(key)) this.startWorker(key, uid, c, type, field);
      }
    }
    for (const [key, w] of this.workers) if (key.startsWith(`${uid}/`) && !wanted.has(key)) this.stopWorker(key, w);
  }

  removePod(uid: string): void {
    this.pods.delete(uid);
    for (const [key, w] of this.workers) if (key.startsWith(`${uid}/`)) this.stopWorker(key, w);
  }

  stopAll(): void {
    for (const [key, w] of this.workers) this.stopWorker(key, w);
    this.pods.clear();
  }

  /** true/false once decided; undefined while a probe has no verdict yet or does not exist. */
  result(uid: string, containerId: string, type: ProbeType): boolean | undefined {
    return this.workers.get(`${uid}/${containerId}/${type}`)?.result;
  }

  has(uid: string, containerId: string, type: ProbeType): boolean {
    return this.workers.has(`${uid}/${containerId}/${type}`);
  }

  private stopWorker(key: string, w: Worker): void {
    w.stopped = true;
    w.timer?.cancel();
    this.workers.delete(key);
  }

  private startWorker(key: string, uid: string, c: ProbedContainer, type: ProbeType, field: string): void {
    const probe = c.container[field];
    const w: Worker = { type, containerId: c.containerId, successes: 0, failures: 0, stopped: false };
    this.workers.set(key, w);
    const period = Math.max(1, probe.periodSeconds ?? 10) * 1000;
    const first = Math.max(0, c.startedAt + (probe.initialDelaySeconds ?? 0) * 1000 - this.config.clock.now());
    const schedule = (ms: number) => {
      if (!w.stopped) w.timer = this.config.clock.setTimeout(() => void tick(), ms);
    };
    const tick = async () => {
      if (w.stopped) return;
      const startupKey = `${uid}/${c.containerId}/startup`;
      const gated = type !== 'startup' && this.workers.has(startupKey) && this.workers.get(startupKey)!.result !== true;
      if (!gated && !(type === 'startup' && w.result === true)) await this.runOnce(uid, c, w, probe);
      schedule(period);
    };
    schedule(first);
  }

  private async runOnce(uid: string, c: ProbedContainer, w: Worker, probe: any): Promise<void> {
    const entry = this.pods.get(uid);
    const target = entry?.targets.get(c.containerId) ?? c;
    const out = await runCheck(this.config.runtime, target, probe, Math.max(1, probe.timeoutSeconds ?? 1) * 1000);
    if (w.stopped) return;
    const before = w.result;
    if (out.ok) {
      w.failures = 0;
      w.successes++;
      if (w.successes >= (w.type === 'readiness' ? Math.max(1, probe.successThreshold ?? 1) : 1)) w.result = true;
    } else {
      w.successes = 0;
      w.failures++;
      if (entry) this.config.event(entry.pod, 'Warning', 'Unhealthy', `${LABEL[w.type]} probe failed: ${out.message.trim()}`);
      if (w.failures >= Math.max(1, probe.failureThreshold ?? 3)) w.result = false;
    }
    if (before !== w.result) this.config.onChange(uid);
  }
}
