import type { Client, InformerFactory, RunningController } from '../client/index.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';

/** What every controller gets from the composition root. */
export interface ControllerContext {
  client: Client;
  informers: InformerFactory;
  clock: Clock;
  logger: Logger;
}

export type ControllerStarter = (ctx: ControllerContext) => RunningController;
