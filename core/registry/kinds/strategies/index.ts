import { mergeSubresources, type BehaviorTable } from '../behavior.js';
import {
  coreEventBehavior,
  createClaimBehavior,
  createIngressBehavior,
  createPriorityClassBehavior,
  crdBehavior,
  endpointSliceBehavior,
  endpointsBehavior,
  eventsV1Behavior,
  horizontalPodAutoscalerBehavior,
  leaseBehavior,
  limitRangeBehavior,
  networkPolicyBehavior,
  nodeBehavior,
  persistentVolumeBehavior,
  podDisruptionBudgetBehavior,
  rbacBehaviors,
  resourceQuotaBehavior,
  storageClassBehavior,
} from './platform/index.js';
import { configMapBehavior, secretBehavior } from './config/index.js';
import { hardened } from './hardened.js';
import type { ObjectLookup } from './lookup.js';
import { createPodBehavior, podTemplateBehavior } from './pod/index.js';
import { createServiceBehavior, type IpAllocator, type NodePortAllocator } from './service/index.js';
import { cronJobBehavior, daemonSetBehavior, deploymentBehavior, jobBehavior, replicaSetBehavior, replicationControllerBehavior, statefulSetBehavior } from './workloads/index.js';

export interface StrategyDeps {
  /** Cluster IP and node port pools: a ServiceAllocators seeded from the stored Services. */
  services: IpAllocator & NodePortAllocator;
  /**
   * Optional read access for defaults that come from other objects (service accounts, priority,
   * default StorageClass and IngressClass). Without it those admission steps are skipped.
   */
  lookup?: ObjectLookup;
}

/**
 * Defaults, validation and deletion policy for the built-in kinds, keyed `group/Kind` like the
 * other behaviour tables. Entries carry only strategy-side keys (strategy, gracefulDeletion,
 * nameRule), so they merge per kind with the printers' tables.
 */
export function strategyBehaviors(deps: StrategyDeps): BehaviorTable {
  const table: BehaviorTable = {
    '/Pod': createPodBehavior(deps.lookup),
    '/PodTemplate': podTemplateBehavior,
    '/Service': createServiceBehavior(deps.services),
    '/ReplicationController': replicationControllerBehavior,
    '/Secret': secretBehavior,
    '/ConfigMap': configMapBehavior,
    '/PersistentVolumeClaim': createClaimBehavior(deps.lookup),
    '/PersistentVolume': persistentVolumeBehavior,
    '/Node': nodeBehavior,
    '/Event': coreEventBehavior,
    '/Endpoints': endpointsBehavior,
    '/LimitRange': limitRangeBehavior,
    '/ResourceQuota': resourceQuotaBehavior,
    'apps/Deployment': deploymentBehavior,
    'apps/ReplicaSet': replicaSetBehavior,
    'apps/StatefulSet': statefulSetBehavior,
    'apps/DaemonSet': daemonSetBehavior,
    'batch/Job': jobBehavior,
    'batch/CronJob': cronJobBehavior,
    'events.k8s.io/Event': eventsV1Behavior,
    'coordination.k8s.io/Lease': leaseBehavior,
    'discovery.k8s.io/EndpointSlice': endpointSliceBehavior,
    'policy/PodDisruptionBudget': podDisruptionBudgetBehavior,
    'autoscaling/HorizontalPodAutoscaler': horizontalPodAutoscalerBehavior,
    'networking.k8s.io/Ingress': createIngressBehavior(deps.lookup),
    'networking.k8s.io/NetworkPolicy': networkPolicyBehavior,
    ...rbacBehaviors,
    'scheduling.k8s.io/PriorityClass': createPriorityClassBehavior(deps.lookup),
    'storage.k8s.io/StorageClass': storageClassBehavior,
    'apiextensions.k8s.io/CustomResourceDefinition': crdBehavior,
  };
  return Object.fromEntries(Object.entries(table).map(([k, b]) => [k, hardened(b)]));
}

/**
 * Merges behaviour tables kind by kind, later tables winning per key, so a kind's printer,
 * strategy and composition-root extras all survive (a plain object spread would keep only one).
 */
export function mergeBehaviorTables(...tables: BehaviorTable[]): BehaviorTable {
  const out: BehaviorTable = {};
  for (const table of tables) {
    for (const [key, b] of Object.entries(table)) {
      const prev = out[key];
      if (!prev) {
        out[key] = b;
        continue;
      }
      const subresources = mergeSubresources(prev.subresources, b.subresources);
      out[key] = { ...prev, ...b, ...(subresources ? { subresources } : {}) };
    }
  }
  return out;
}

export type { ObjectLookup } from './lookup.js';
export { ServiceAllocators, ClusterIpAllocator, NodePortRangeAllocator, serviceOwner, type IpAllocator, type NodePortAllocator } from './service/index.js';
export { podTemplateDefaults, qosClassOf, mountServiceAccountToken, podDefaults } from './pod/index.js';
