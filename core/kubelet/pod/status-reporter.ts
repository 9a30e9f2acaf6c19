import { readFileSync } from 'node:fs';
import type { KubeObject } from '../../api/types.js';
import type { Clock } from '../../util/clock.js';
import type { ProbeManager } from '../probes/probe-manager.js';
import { LABEL_TERMINATION_LOG } from '../runtime/labels.js';
import type { ContainerDetails, ContainerRuntime } from '../runtime/types.js';
import type { NodeFacts } from './field-ref.js';
import { computeStatus } from './pod-status.js';
import type { PodState } from './pod-sync.js';
import type { PodView } from './pod-view.js';
import { terminationMessage } from './termination-message.js';

export interface StatusReporterConfig {
  runtime: ContainerRuntime;
  clock: Clock;
  probes: ProbeManager;
  node(): NodeFacts;
  writeStatus(pod: KubeObject, status: Record<string, any>): Promise<void>;
}

/** Turns what the runtime shows into pod status: image IDs, termination messages, probe verdicts. */
export class StatusReporter {
  private readonly imageIds = new Map<string, string>();

  constructor(private readonly config: StatusReporterConfig) {}

  async report(pod: KubeObject, view: PodView, st: PodState, terminating: boolean): Promise<void> {
    const node = this.config.node();
    const sandbox = view.sandboxes[0];
    const uid = pod.metadata.uid!;
    for (const list of view.containers.values()) for (const d of list) await this.resolveImageId(d);
    const status = computeStatus({
      pod,
      view,
      now: this.config.clock.now(),
      hostIP: node.hostIP,
      podIP: sandbox ? podIPOf(pod, sandbox, node) : '',
      startTime: st.startTime,
      waiting: st.waiting,
      terminal: st.terminal,
      terminating,
      sandboxReady: sandbox?.state === 'running',
      probes: {
        ready: (id) => this.config.probes.result(uid, id, 'readiness'),
        started: (id) => this.config.probes.result(uid, id, 'startup'),
        hasReadiness: (id) => this.config.probes.has(uid, id, 'readiness'),
        hasStartup: (id) => this.config.probes.has(uid, id, 'startup'),
      },
      terminationMessage: (d) => this.messageOf(pod, d),
      imageId: (d) => this.imageIds.get(d.imageId) ?? d.imageId,
    });
    await this.config.writeStatus(pod, status);
  }

  private readonly messages = new Map<string, string>();

  private messageOf(pod: KubeObject, d: ContainerDetails): string | undefined {
    if (d.state !== 'exited') return undefined;
    const cached = this.messages.get(d.id);
    if (cached !== undefined) return cached || undefined;
    let text = '';
    const file = d.labels[LABEL_TERMINATION_LOG];
    if (file) {
      try {
        text = readFileSync(file).subarray(0, 4096).toString('utf8');
      } catch {}
    }
    const name = d.labels['io.kubernetes.container.name'];
    const c = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x: any) => x.name === name);
    if (!text && d.exitCode !== 0 && c?.terminationMessagePolicy === 'FallbackToLogsOnError') {
      // Filled in asynchronously; the next status write carries it.
      void terminationMessage(this.config.runtime, d.id).then((m) => this.messages.set(d.id, m));
      return undefined;
    }
    this.messages.set(d.id, text);
    return text || undefined;
  }

  private async resolveImageId(d: ContainerDetails): Promise<void> {
    if (this.imageIds.has(d.imageId)) return;
    const info = await this.config.runtime.inspectImage(d.imageId).catch(() => undefined);
    this.imageIds.set(d.imageId, info?.repoDigests[0] ? `docker-pullable://${info.repoDigests[0]}` : d.imageId);
  }

}

function podIPOf(pod: KubeObject, sandbox: ContainerDetails | undefined, node: NodeFacts): string {
  if (pod.spec?.hostNetwork) return node.hostIP;
  return sandbox?.state === 'running' ? sandbox.ip : '';
}
