import type { RunningController } from '../../client/index.js';
import type { ControllerContext } from '../types.js';
import { workloadSelector } from '../shared/selectors.js';
import { startReplicaManager } from './replica-manager.js';

/** ReplicaSets: spec.selector is a full label selector. */
export function startReplicaSetController(ctx: ControllerContext): RunningController {
  return startReplicaManager(ctx, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    component: 'replicaset-controller',
    selector: (rs) => workloadSelector(rs.spec?.selector),
  });
}
