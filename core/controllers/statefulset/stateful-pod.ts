import type { KubeObject } from '../../api/types.js';
import { REVISION_HASH_LABEL } from '../shared/controller-history.js';
import { podFromTemplate } from '../shared/pod-template.js';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** A StatefulSet's spec with the API's defaults filled in. */
export interface SetSpec {
  replicas: number;
  start: number;
  parallel: boolean;
  rolling: boolean;
  partition: number;
  minReadySeconds: number;
  revisionHistoryLimit: number;
  whenDeleted: 'Retain' | 'Delete';
  whenScaled: 'Retain' | 'Delete';
}

export function setSpecOf(set: KubeObject): SetSpec {
  const s = set.spec ?? {};
  const rolling = (s.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  return {
    replicas: s.replicas ?? 1,
    start: s.ordinals?.start ?? 0,
    parallel: s.podManagementPolicy === 'Parallel',
    rolling,
    partition: rolling ? (s.updateStrategy?.rollingUpdate?.partition ?? 0) : 0,
    minReadySeconds: s.minReadySeconds ?? 0,
    revisionHistoryLimit: s.revisionHistoryLimit ?? 10,
    whenDeleted: s.persistentVolumeClaimRetentionPolicy?.whenDeleted ?? 'Retain',
    whenScaled: s.persistentVolumeClaimRetentionPolicy?.whenScaled ?? 'Retain',
  };
}

export const podName = (set: KubeObject, ordinal: number) => `${set.metadata.name}-${ordinal}`;
export const claimName = (template: string, set: KubeObject, ordinal: number) => `${template}-${set.metadata.name}-${ordinal}`;

/** The ordinal in `<set>-<n>`, or undefined for a pod that is not this set's by name. */
export function ordinalOf(set: KubeObject, pod: KubeObject): number | undefined {
  const prefix = `${set.metadata.name}-`;
  const name = pod.metadata.name ?? '';
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined;
}

export const revisionOfPod = (pod: KubeObject) => pod.metadata.labels?.[REVISION_HASH_LABEL];

function claimVolumes(set: KubeObject, ordinal: number, volumes: any[]): any[] {
  const templates = (set.spec?.volumeClaimTemplates ?? []) as KubeObject[];
  const names = new Set(templates.map((t) => t.metadata.name));
  const kept = volumes.filter((v) => !names.has(v.name));
  return [...templates.map((t) => ({ name: t.metadata.name, persistentVolumeClaim: { claimName: claimName(t.metadata.name!, set, ordinal) } })), ...kept];
}

/** A pod of the given revision for an ordinal: stable name, hostname and subdomain, one claim per template. */
export function newStatefulPod(set: KubeObject, template: any, revision: string, ordinal: number): KubeObject {
  const name = podName(set, ordinal);
  const pod = podFromTemplate(template, set, { name, extraLabels: { [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [REVISION_HASH_LABEL]: revision } });
  pod.spec = { ...pod.spec, hostname: name, ...(set.spec?.serviceName ? { subdomain: set.spec.serviceName } : {}) };
  const volumes = claimVolumes(set, ordinal, pod.spec.volumes ?? []);
  if (volumes.length) pod.spec.volumes = volumes;
  return pod;
}

/** Whether the pod still carries its identity (labels, hostname, subdomain) and its claims. */
export function identityAndStorageMatch(set: KubeObject, pod: KubeObject, ordinal: number): boolean {
  const l = pod.metadata.labels ?? {};
  const name = podName(set, ordinal);
  if (l[POD_NAME_LABEL] !== name || l[POD_INDEX_LABEL] !== String(ordinal)) return false;
  if (pod.spec?.hostname !== name || (pod.spec?.subdomain ?? '') !== (set.spec?.serviceName ?? '')) return false;
  const byName = new Map(((pod.spec?.volumes ?? []) as any[]).map((v) => [v.name, v]));
  return ((set.spec?.volumeClaimTemplates ?? []) as KubeObject[]).every((t) => byName.get(t.metadata.name)?.persistentVolumeClaim?.claimName === claimName(t.metadata.name!, set, ordinal));
}

/** Restores the identity labels of a pod that lost them (hostname and volumes are immutable on pods). */
export function withIdentity(set: KubeObject, pod: KubeObject, ordinal: number): KubeObject {
  const name = podName(set, ordinal);
  return { ...pod, metadata: { ...pod.metadata, labels: { ...(pod.metadata.labels ?? {}), [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) } } };
}

/** The PVCs an ordinal needs: each template named `<template>-<set>-<ordinal>`, labelled with the set's selector. */
export function claimsFor(set: KubeObject, ordinal: number): KubeObject[] {
  const matchLabels = set.spec?.selector?.matchLabels ?? {};
  return ((set.spec?.volumeClaimTemplates ?? []) as KubeObject[]).map((t) => {
    const c = structuredClone(t);
    return {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { ...c.metadata, name: claimName(t.metadata.name!, set, ordinal), namespace: set.metadata.namespace, labels: { ...(c.metadata?.labels ?? {}), ...matchLabels } },
      spec: c.spec ?? {},
    };
  });
}
