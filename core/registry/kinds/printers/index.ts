import type { BehaviorTable } from '../behavior.js';
import { autoscalingPrinters } from './autoscaling.js';
import { batchPrinters } from './batch.js';
import { clusterPrinters } from './cluster.js';
import { configPrinters } from './config.js';
import { draPrinters } from './dra.js';
import { endpointPrinters } from './endpoints.js';
import { eventPrinters } from './events.js';
import { extensionPrinters } from './extensions.js';
import { networkingPrinters } from './networking.js';
import { nodePrinters } from './node.js';
import { podBehavior } from './pod.js';
import { rbacPrinters } from './rbac.js';
import { serviceBehavior } from './service.js';
import { storagePrinters } from './storage.js';
import { workloadPrinters } from './workloads.js';

/**
 * `kubectl get` tables and field selectors for the built-in kinds, keyed `group/Kind`,
 * matching what a 1.34 API server prints and filters on.
 */
export const printerBehaviors: BehaviorTable = {
  '/Pod': podBehavior,
  '/Service': serviceBehavior,
  ...workloadPrinters,
  ...batchPrinters,
  ...endpointPrinters,
  ...networkingPrinters,
  ...nodePrinters,
  ...eventPrinters,
  ...configPrinters,
  ...storagePrinters,
  ...rbacPrinters,
  ...autoscalingPrinters,
  ...clusterPrinters,
  ...extensionPrinters,
  ...draPrinters,
};

export { summarizePod } from './pod-status.js';
export { canonicalQuantity } from './quantity.js';
export type { Cell } from './table.js';
