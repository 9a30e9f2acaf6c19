import type { KubeObject } from '../../api/types.js';
import { isAlreadyExists, isNotFound, type Client, type EventRecorder, type Informer } from '../../client/index.js';
import { templateOf } from '../shared/controller-history.js';
import { isPodAvailable, isPodReady, isPodTerminal, podPhase } from '../shared/pod-state.js';
import { claimsFor, identityAndStorageMatch, newStatefulPod, ordinalOf, revisionOfPod, withIdentity, type SetSpec } from './stateful-pod.js';
import type { SetRevisions } from './statefulset-revisions.js';

export interface ControlDeps {
  client: Client;
  recorder: EventRecorder;
  claims: Informer;
  now(): number;
}

const runningAndReady = (p: KubeObject) => podPhase(p) === 'Running' && isPodReady(p);

/**
 * One pass of upstream's updateStatefulSet. OrderedReady (monotonic) stops at the first pod it
 * has to wait for: pod N+1 is created only once N is Running and Ready (and available), scale-down
 * goes from the highest ordinal one pod at a time, and a rolling update replaces pods from the
 * highest ordinal down to the partition, one at a time. Parallel creates and deletes at once.
 */
export async function updateStatefulSet(deps: ControlDeps, set: KubeObject, spec: SetSpec, revs: SetRevisions, pods: KubeObject[]): Promise<void> {
  const name = set.metadata.name;
  const monotonic = !spec.parallel;
  const replicas: Array<KubeObject | undefined> = new Array(spec.replicas).fill(undefined);
  const condemned: KubeObject[] = [];
  for (const p of pods) {
    const ord = ordinalOf(set, p);
    if (ord === undefined) continue;
    if (ord >= spec.start && ord < spec.start + spec.replicas) replicas[ord - spec.start] = p;
    else condemned.push(p);
  }
  condemned.sort((a, b) => ordinalOf(set, b)! - ordinalOf(set, a)!);
  const healthy = (p: KubeObject) => runningAndReady(p) && isPodAvailable(p, spec.minReadySeconds, deps.now()) && !p.metadata.deletionTimestamp;
  const firstUnhealthy = [...replicas, ...condemned].find((p) => p && !healthy(p));

  for (let i = 0; i < replicas.length; i++) {
    const ord = spec.start + i;
    const pod = replicas[i];
    if (pod && isPodTerminal(pod) && !pod.metadata.deletionTimestamp) {
      const failed = podPhase(pod) === 'Failed';
      deps.recorder.event(set, 'Warning', failed ? 'RecreatingFailedPod' : 'RecreatingTerminatedPod', `StatefulSet ${set.metadata.namespace}/${name} is recreating ${failed ? 'failed' : 'terminated'} Pod ${pod.metadata.name}`);
      await deletePod(deps, set, pod);
      if (monotonic) return;
      continue;
    }
    if (!pod) {
      const useCurrent = spec.rolling && ord < spec.start + spec.partition;
      const rev = useCurrent ? revs.current : revs.update;
      const fresh = newStatefulPod(set, templateOf(rev), rev.metadata.name!, ord);
      await createClaims(deps, set, ord, fresh.metadata.name!);
      try {
        await deps.client.create(fresh);
        deps.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Pod ${fresh.metadata.name} in StatefulSet ${name} successful`);
      } catch (err) {
        if (!isAlreadyExists(err)) {
          deps.recorder.event(set, 'Warning', 'FailedCreate', `create Pod ${fresh.metadata.name} in StatefulSet ${name} failed error: ${(err as Error).message}`);
          throw err;
        }
      }
      if (monotonic) return;
      continue;
    }
    if (monotonic && !healthy(pod)) return;
    if (!identityAndStorageMatch(set, pod, ord)) {
      await createClaims(deps, set, ord, pod.metadata.name!);
      await deps.client.update(withIdentity(set, pod, ord));
    }
  }

  for (const pod of condemned) {
    if (pod.metadata.deletionTimestamp) {
      if (monotonic) return;
      continue;
    }
    if (monotonic && !runningAndReady(pod) && pod !== firstUnhealthy) return;
    if (spec.whenScaled === 'Delete') await handClaimsToPod(deps, set, pod);
    await deletePod(deps, set, pod);
    if (monotonic) return;
  }

  if (!spec.rolling) return;
  for (let i = replicas.length - 1; i >= Math.min(spec.partition, replicas.length); i--) {
    const pod = replicas[i];
    if (!pod) return;
    if (revisionOfPod(pod) !== revs.update.metadata.name && !pod.metadata.deletionTimestamp) {
      await deletePod(deps, set, pod);
      return;
    }
    if (!healthy(pod)) return;
  }
}

async function deletePod(deps: ControlDeps, set: KubeObject, pod: KubeObject): Promise<void> {
  try {
    await deps.client.delete('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!, { preconditions: { uid: pod.metadata.uid } });
    deps.recorder.event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

async function createClaims(deps: ControlDeps, set: KubeObject, ordinal: number, pod: string): Promise<void> {
  const retainOnDelete = (set.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted ?? 'Retain') === 'Retain';
  for (const claim of claimsFor(set, ordinal)) {
    if (deps.claims.get(claim.metadata.namespace, claim.metadata.name!)) continue;
    // whenDeleted: Delete makes the set an owner, so the claims go with it.
    if (!retainOnDelete) claim.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata.name!, uid: set.metadata.uid!, blockOwnerDeletion: true }];
    try {
      await deps.client.create(claim);
      deps.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${claim.metadata.name} Pod ${pod} in StatefulSet ${set.metadata.name} success`);
    } catch (err) {
      if (isAlreadyExists(err)) continue;
      deps.recorder.event(set, 'Warning', 'FailedCreate', `create Claim ${claim.metadata.name} for Pod ${pod} in StatefulSet ${set.metadata.name} failed error: ${(err as Error).message}`);
      throw err;
    }
  }
}

/** whenScaled: Delete: the condemned pod becomes the only owner of its claims (the set lets go), so they go after it. */
async function handClaimsToPod(deps: ControlDeps, set: KubeObject, pod: KubeObject): Promise<void> {
  const ord = ordinalOf(set, pod)!;
  for (const want of claimsFor(set, ord)) {
    const claim = deps.claims.get(want.metadata.namespace, want.metadata.name!);
    if (!claim || claim.metadata.ownerReferences?.some((r) => r.uid === pod.metadata.uid)) continue;
    const ref = { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name!, uid: pod.metadata.uid!, blockOwnerDeletion: true };
    const others = (claim.metadata.ownerReferences ?? []).filter((r) => r.uid !== set.metadata.uid);
    await deps.client.update({ ...claim, metadata: { ...claim.metadata, ownerReferences: [...others, ref] } });
  }
}
