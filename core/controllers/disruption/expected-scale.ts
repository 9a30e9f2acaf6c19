import type { KubeObject } from '../../api/types.js';
import type { Informer } from '../../client/index.js';
import { controllerRefOf, refersToKind } from '../shared/owner-refs.js';

export interface ScaleSources {
  replicaSets: Informer;
  deployments: Informer;
  controllers: Informer;
  statefulSets: Informer;
}

/**
 * Upstream's getExpectedScale: the summed spec.replicas of the controllers behind the pods,
 * each controller counted once (a ReplicaSet under a Deployment counts as the Deployment).
 * Pods of other kinds, or of none, count one each.
 */
export function expectedScale(src: ScaleSources, pods: KubeObject[]): number {
  const seen = new Map<string, number>();
  let loose = 0;
  for (const pod of pods) {
    const ref = controllerRefOf(pod);
    const ns = pod.metadata.namespace;
    let owner: KubeObject | undefined;
    const name = ref?.name ?? '';
    if (refersToKind(ref, 'apps', 'ReplicaSet')) {
      owner = src.replicaSets.get(ns, name);
      const parent = owner && controllerRefOf(owner);
      if (refersToKind(parent, 'apps', 'Deployment')) owner = src.deployments.get(ns, parent.name) ?? owner;
    } else if (refersToKind(ref, '', 'ReplicationController')) owner = src.controllers.get(ns, name);
    else if (refersToKind(ref, 'apps', 'StatefulSet')) owner = src.statefulSets.get(ns, name);
    if (!owner) {
      loose++;
      continue;
    }
    seen.set(owner.metadata.uid!, owner.spec?.replicas ?? 1);
  }
  return loose + [...seen.values()].reduce((a, b) => a + b, 0);
}
