import type { KubeObject } from '../../api/types.js';
import type { Clock } from '../../util/clock.js';
import { runCheck } from '../probes/probe-runner.js';
import type { ContainerDetails, ContainerRuntime } from '../runtime/types.js';
import type { PodView } from './pod-view.js';

export interface PodKillerConfig {
  runtime: ContainerRuntime;
  clock: Clock;
  event(pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
}

/** Stops containers the way upstream does: preStop hook first, inside the grace period, then SIGTERM and SIGKILL. */
export class PodKiller {
  constructor(private readonly config: PodKillerConfig) {}

  async killAll(pod: KubeObject, view: PodView, graceSeconds: number): Promise<void> {
    const regular = new Set((pod.spec?.containers ?? []).map((c: any) => c.name));
    const specOf = (name: string) => [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c: any) => c.name === name);
    const running = [...view.containers.entries()].map(([name, l]) => [name, l[0]!] as const).filter(([, d]) => d.state === 'running');
    const started = this.config.clock.now();
    // App containers first, sidecars after them, the sandbox last: upstream's termination order.
    await Promise.all(running.filter(([n]) => regular.has(n)).map(([n, d]) => this.kill(pod, specOf(n), d, graceSeconds)));
    const left = Math.max(0, graceSeconds - Math.floor((this.config.clock.now() - started) / 1000));
    await Promise.all(running.filter(([n]) => !regular.has(n)).map(([n, d]) => this.kill(pod, specOf(n), d, left)));
    for (const s of view.sandboxes) if (s.state === 'running') await this.config.runtime.stopContainer(s.id, 0);
  }

  async kill(pod: KubeObject, c: any, d: ContainerDetails, graceSeconds: number, message?: string): Promise<void> {
    const name = c?.name ?? d.name;
    this.config.event(pod, 'Normal', 'Killing', message ?? `Stopping container ${name}`);
    let grace = graceSeconds;
    const preStop = c?.lifecycle?.preStop;
    if (preStop && grace > 0) {
      const started = this.config.clock.now();
      const out = await runCheck(this.config.runtime, { containerId: d.id, sandboxId: '', podIP: d.ip, container: c }, preStop, grace * 1000);
      if (!out.ok) this.config.event(pod, 'Warning', 'FailedPreStopHook', `PreStopHook failed: ${out.message}`);
      grace = Math.max(0, grace - Math.floor((this.config.clock.now() - started) / 1000));
    }
    await this.config.runtime.stopContainer(d.id, grace);
  }

}
