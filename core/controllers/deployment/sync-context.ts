import type { KubeObject } from '../../api/types.js';
import type { Client, EventRecorder, Informer } from '../../client/index.js';
import type { Clock } from '../../util/clock.js';
import { canonicalJson } from '../shared/hash.js';
import { REVISION, specOf, type DeploymentSpec } from './deployment-util.js';

export interface DeploymentDeps {
  client: Client;
  recorder: EventRecorder;
  clock: Clock;
  replicaSets: Informer;
}

/**
 * One sync of one deployment. `d` always holds the latest version this sync wrote, so a later
 * write in the same sync does not conflict with an earlier one.
 */
export class DeploymentSync {
  d: KubeObject;
  readonly spec: DeploymentSpec;

  constructor(
    readonly deps: DeploymentDeps,
    d: KubeObject,
  ) {
    this.d = d;
    this.spec = specOf(d);
  }

  now(): number {
    return this.deps.clock.now();
  }

  event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.deps.recorder.event(this.d, type, reason, message);
  }

  /** Upstream writes the revision annotation with the status; here metadata goes through a plain update. */
  async saveRevision(revision: string): Promise<void> {
    if (this.d.metadata.annotations?.[REVISION] === revision) return;
    this.d = await this.deps.client.update({ ...this.d, metadata: { ...this.d.metadata, annotations: { ...(this.d.metadata.annotations ?? {}), [REVISION]: revision } } });
  }

  async saveStatus(status: Record<string, unknown>): Promise<void> {
    if (canonicalJson(this.d.status ?? {}) === canonicalJson(status)) return;
    this.d = await this.deps.client.updateStatus({ ...this.d, status });
  }
}
