import type { KubeObject } from '../../api/types.js';
import { isAlreadyExists } from '../../client/index.js';
import { getCondition, setCondition } from '../shared/conditions.js';
import { computeTemplateHash } from '../shared/hash.js';
import { newControllerRef, controllerRefOf } from '../shared/owner-refs.js';
import { deploymentCondition, REASON } from './deployment-status.js';
import { equalIgnoreHash, findNewReplicaSet, maxRevision, newRSNewReplicas, POD_TEMPLATE_HASH, REVISION, setNewReplicaSetAnnotations } from './deployment-util.js';
import type { DeploymentSync } from './sync-context.js';

export interface ReplicaSets {
  newRS?: KubeObject;
  oldRSs: KubeObject[];
}

/** Upstream's getAllReplicaSetsAndSyncRevision. */
export async function replicaSetsAndRevision(s: DeploymentSync, list: KubeObject[], createIfMissing: boolean): Promise<ReplicaSets> {
  const existing = findNewReplicaSet(s.d, list);
  const oldRSs = list.filter((rs) => rs.metadata.uid !== existing?.metadata.uid);
  const newRS = await newReplicaSet(s, existing, oldRSs, createIfMissing);
  return { newRS, oldRSs };
}

async function setProgressingIfMissing(s: DeploymentSync, reason: string, message: string): Promise<void> {
  if (s.spec.progressDeadlineSeconds === undefined || getCondition(s.d.status?.conditions, 'Progressing')) return;
  await s.saveStatus({ ...s.d.status, conditions: setCondition(s.d.status?.conditions, deploymentCondition('Progressing', 'True', reason, message, s.now())) });
}

/**
 * Upstream's getNewReplicaSet: brings an existing matching ReplicaSet up to the newest revision
 * (this is how `rollout undo` reuses an old ReplicaSet), or creates `<deploy>-<hash>`.
 */
async function newReplicaSet(s: DeploymentSync, existing: KubeObject | undefined, oldRSs: KubeObject[], create: boolean): Promise<KubeObject | undefined> {
  const newRevision = maxRevision(oldRSs) + 1;
  const { client } = s.deps;
  if (existing) {
    const annotations = { ...(existing.metadata.annotations ?? {}) };
    const annotationsChanged = setNewReplicaSetAnnotations(s.d, s.spec, annotations, newRevision, true);
    const minReadyChanged = (existing.spec?.minReadySeconds ?? 0) !== s.spec.minReadySeconds;
    let rs = existing;
    if (annotationsChanged || minReadyChanged) {
      rs = await client.update({
        ...existing,
        metadata: { ...existing.metadata, annotations },
        spec: minReadyChanged ? { ...existing.spec, minReadySeconds: s.spec.minReadySeconds } : existing.spec,
      });
    }
    await s.saveRevision(rs.metadata.annotations?.[REVISION] ?? String(newRevision));
    await setProgressingIfMissing(s, REASON.foundNewReplicaSet, `Found new replica set "${rs.metadata.name}"`);
    return rs;
  }
  if (!create) return undefined;

  const d = s.d;
  const hash = computeTemplateHash(d.spec.template, d.status?.collisionCount);
  const template = structuredClone(d.spec.template ?? {});
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash } };
  const selector = structuredClone(d.spec.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
  const annotations: Record<string, string> = {};
  const rs: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace, labels: template.metadata.labels, annotations, ownerReferences: [newControllerRef(d)] },
    spec: { replicas: 0, ...(s.spec.minReadySeconds ? { minReadySeconds: s.spec.minReadySeconds } : {}), selector, template },
  };
  rs.spec.replicas = newRSNewReplicas(s.spec, [...oldRSs, rs], rs);
  setNewReplicaSetAnnotations(d, s.spec, annotations, newRevision, false);

  let created: KubeObject;
  let alreadyExisted = false;
  try {
    created = await client.create(rs);
  } catch (err) {
    if (isAlreadyExists(err)) {
      const found = s.deps.replicaSets.get(d.metadata.namespace, rs.metadata.name!);
      if (found && controllerRefOf(found)?.uid === d.metadata.uid && equalIgnoreHash(found.spec?.template, d.spec.template)) {
        created = found;
        alreadyExisted = true;
      } else {
        // A different object holds the name: bump collisionCount so the next hash differs.
        await s.saveStatus({ ...s.d.status, collisionCount: (s.d.status?.collisionCount ?? 0) + 1 });
        throw err;
      }
    } else {
      const msg = `Failed to create new replica set "${rs.metadata.name}": ${(err as Error).message}`;
      if (s.spec.progressDeadlineSeconds !== undefined) {
        await s.saveStatus({ ...s.d.status, conditions: setCondition(s.d.status?.conditions, deploymentCondition('Progressing', 'False', REASON.failedRSCreate, msg, s.now())) });
      }
      s.event('Warning', REASON.failedRSCreate, msg);
      throw err;
    }
  }
  if (!alreadyExisted && created.spec.replicas > 0) s.event('Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${created.spec.replicas}`);
  await s.saveRevision(String(newRevision));
  if (!alreadyExisted && s.spec.progressDeadlineSeconds !== undefined) {
    const cond = deploymentCondition('Progressing', 'True', REASON.newReplicaSetCreated, `Created new replica set "${created.metadata.name}"`, s.now());
    await s.saveStatus({ ...s.d.status, conditions: setCondition(s.d.status?.conditions, cond) });
  }
  return created;
}
