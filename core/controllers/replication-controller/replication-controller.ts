import type { RunningController } from '../../client/index.js';
import type { ControllerContext } from '../types.js';
import { startReplicaManager } from '../replicaset/replica-manager.js';
import { workloadSelector } from '../shared/selectors.js';

/**
 * ReplicationControllers: the same replica management as ReplicaSets, with a plain label map
 * for a selector (defaulted from the template's labels when absent).
 */
export function startReplicationController(ctx: ControllerContext): RunningController {
  return startReplicaManager(ctx, {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    component: 'replication-controller',
    selector: (rc) => {
      const labels = rc.spec?.selector ?? rc.spec?.template?.metadata?.labels;
      return labels && Object.keys(labels).length ? workloadSelector({ matchLabels: labels }) : null;
    },
  });
}
