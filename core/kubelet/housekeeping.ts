import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { LABEL_NODE, LABEL_POD_UID, MANAGED } from './runtime/labels.js';
import type { ContainerRuntime } from './runtime/types.js';

export interface HousekeepingConfig {
  runtime: ContainerRuntime;
  clock: Clock;
  logger: Logger;
  nodeName: string;
  dataDir: string;
  intervalMs: number;
  /** UIDs of pods this node should run now. */
  desired(): Set<string>;
  /** UIDs the kubelet is still handling (terminating). */
  known(): Set<string>;
  remove(uid: string): Promise<void>;
  tick(): void;
}

/**
 * Periodic work: resync every pod and remove what belongs to no pod any more (containers and
 * volumes labelled with this node, pod directories). At start this is also adoption: whatever
 * belongs to a pod that still exists is simply left for its pod worker to take over.
 */
export class Housekeeping {
  private timer?: { cancel(): void };
  private stopped = false;

  constructor(private readonly config: HousekeepingConfig) {}

  async start(): Promise<void> {
    await this.collect();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.config.clock.setTimeout(() => {
      this.config.tick();
      void this.collect().finally(() => this.schedule());
    }, this.config.intervalMs);
  }

  async collect(): Promise<void> {
    try {
      const keep = new Set([...this.config.desired(), ...this.config.known()]);
      const scope = { ...MANAGED, [LABEL_NODE]: this.config.nodeName };
      const orphans = new Set<string>();
      for (const c of await this.config.runtime.listContainers(scope)) {
        const uid = c.labels[LABEL_POD_UID];
        if (uid && !keep.has(uid)) orphans.add(uid);
      }
      for (const uid of orphans) {
        this.config.logger.info('removing containers of a pod that no longer exists', { uid });
        await this.config.remove(uid);
      }
      const podsDir = path.join(this.config.dataDir, 'pods');
      if (existsSync(podsDir)) for (const uid of readdirSync(podsDir)) if (!keep.has(uid)) rmSync(path.join(podsDir, uid), { recursive: true, force: true });
    } catch (err) {
      this.config.logger.debug('housekeeping failed', { error: (err as Error).message });
    }
  }
}
