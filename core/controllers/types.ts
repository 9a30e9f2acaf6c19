import type { Client, InformerFactory, RunningController } from '../client/index.js';
import type { Registry } from '../registry/registry.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';

/** What every controller gets from the composition root. */
export interface ControllerContext {
  client: Client;
  informers: InformerFactory;
  /** Which kinds exist, for controllers that walk all of them (namespace deletion, GC). */
  registry: Registry;
  clock: Clock;
  logger: Logger;
}

export type ControllerStarter = (ctx: ControllerContext) => RunningController;
