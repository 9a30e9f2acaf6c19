export type { ControllerContext, ControllerStarter } from './types.js';
export { startNamespaceController } from './namespace/namespace-controller.js';
export { startGarbageCollector } from './garbage-collector/garbage-collector.js';

import type { ControllerStarter } from './types.js';
import { startReplicaSetController } from './replicaset/replicaset-controller.js';
import { startReplicationController } from './replication-controller/replication-controller.js';
import { startDeploymentController } from './deployment/deployment-controller.js';
import { startStatefulSetController } from './statefulset/statefulset-controller.js';
import { startDaemonSetController } from './daemonset/daemonset-controller.js';
import { startJobController } from './job/job-controller.js';
import { startCronJobController, type CronJobControllerConfig } from './cronjob/cronjob-controller.js';
import { startPodGcController, type PodGcConfig } from './pod-gc/pod-gc-controller.js';
import { startTtlAfterFinishedController } from './ttl-after-finished/ttl-after-finished-controller.js';
import { startServiceAccountController } from './serviceaccount/serviceaccount-controller.js';
import { startEndpointsController, type EndpointsControllerConfig } from './endpoints/endpoints-controller.js';
import { startEndpointSliceController } from './endpointslice/endpointslice-controller.js';
import { startDisruptionController } from './disruption/disruption-controller.js';
import { startNodeLifecycleController, type NodeLifecycleConfig } from './node-lifecycle/node-lifecycle-controller.js';

export {
  startReplicaSetController,
  startReplicationController,
  startDeploymentController,
  startStatefulSetController,
  startDaemonSetController,
  startJobController,
  startCronJobController,
  startPodGcController,
  startTtlAfterFinishedController,
  startServiceAccountController,
  startEndpointsController,
  startEndpointSliceController,
  startDisruptionController,
  startNodeLifecycleController,
};
export type { CronJobControllerConfig, PodGcConfig, EndpointsControllerConfig, NodeLifecycleConfig };

export interface WorkloadControllersConfig {
  /** Where the API server listens, for `default/kubernetes` Endpoints and EndpointSlice. */
  apiServerEndpoint?: EndpointsControllerConfig['apiServerEndpoint'];
  cronJob?: CronJobControllerConfig;
  podGc?: PodGcConfig;
  nodeLifecycle?: NodeLifecycleConfig;
}

/** Every workload controller, configured; the scheduler is started separately (core/scheduler). */
export function createWorkloadControllers(config: WorkloadControllersConfig = {}): ControllerStarter[] {
  return [
    startServiceAccountController,
    startReplicaSetController,
    startReplicationController,
    startDeploymentController,
    startStatefulSetController,
    startDaemonSetController,
    startJobController,
    (ctx) => startCronJobController(ctx, config.cronJob),
    startTtlAfterFinishedController,
    (ctx) => startPodGcController(ctx, config.podGc),
    (ctx) => startEndpointsController(ctx, { apiServerEndpoint: config.apiServerEndpoint }),
    startEndpointSliceController,
    startDisruptionController,
    (ctx) => startNodeLifecycleController(ctx, config.nodeLifecycle),
  ];
}

/** The workload controllers with their defaults (no `default/kubernetes` endpoints). */
export const workloadControllers: ControllerStarter[] = createWorkloadControllers();
