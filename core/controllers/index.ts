export type { ControllerContext, ControllerStarter } from './types.js';
export { startNamespaceController } from './namespace/namespace-controller.js';
export { startGarbageCollector } from './garbage-collector/garbage-collector.js';
