import { DecodeProblem, isObject, listOf } from '../common/field.js';
import { canonicalizeResourceList, QUANTITY_FORMAT_ERROR } from '../common/quantity.js';
import { defaultPullPolicy } from './image.js';

// Upstream's core/v1 defaulters for PodSpec and what hangs off it. Pods get a few more than
// templates (SetDefaults_Pod): requests copied from limits, enableServiceLinks, host ports.

type Obj = Record<string, any>;

// In the order upstream's validation checks them, so "more than 1 volume type" names the same field.
const VOLUME_SOURCES = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs', 'flocker',
  'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap', 'azureFile',
  'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO', 'csi', 'ephemeral', 'image',
] as const;

export function volumeSourcesOf(volume: Obj): string[] {
  return VOLUME_SOURCES.filter((k) => volume[k] !== undefined && volume[k] !== null);
}

/** The defaults every PodSpec gets, in pods and in templates alike. */
export function podSpecDefaults(spec: Obj, opts: { pod: boolean }): void {
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= 'default-scheduler';
  // v1 keeps the deprecated serviceAccount field as a mirror of serviceAccountName.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
  if (opts.pod) {
    for (const c of [...listOf(spec.containers), ...listOf(spec.initContainers)]) requestsFromLimits(c);
    spec.enableServiceLinks ??= true;
    if (spec.hostNetwork === true)
      for (const c of [...listOf(spec.containers), ...listOf(spec.initContainers)]) for (const p of listOf(c.ports)) if (!p.hostPort) p.hostPort = p.containerPort;
  }
  for (const c of [...listOf(spec.initContainers), ...listOf(spec.containers), ...listOf(spec.ephemeralContainers)]) if (isObject(c)) containerDefaults(c);
  for (const v of listOf(spec.volumes)) if (isObject(v)) volumeDefaults(v);
  resourceList(spec.overhead);
  if (isObject(spec.resources)) {
    resourceList(spec.resources.limits);
    resourceList(spec.resources.requests);
  }
}

/** Defaults for a PodTemplateSpec inside a workload (`spec.template`). */
export function podTemplateDefaults(template: Obj | undefined): void {
  if (!isObject(template)) return;
  template.metadata ??= {};
  dropNullTimestamp(template.metadata);
  template.spec ??= {};
  podSpecDefaults(template.spec, { pod: false });
}

/**
 * Older clients send `creationTimestamp: null` in embedded metadata; 1.34 decodes that as the
 * zero time and, with omitzero, never writes it back.
 */
export function dropNullTimestamp(meta: unknown): void {
  if (isObject(meta) && meta.creationTimestamp === null) delete meta.creationTimestamp;
}

function requestsFromLimits(c: Obj): void {
  if (!isObject(c) || !isObject(c.resources) || !isObject(c.resources.limits)) return;
  c.resources.requests ??= {};
  for (const [k, v] of Object.entries(c.resources.limits)) if (!(k in c.resources.requests)) c.resources.requests[k] = v;
}

/** Container resource lists are also rounded up to millis (SetDefaults_ResourceList). */
function resourceList(list: unknown, milli = true): void {
  if (canonicalizeResourceList(list, milli).length) throw new DecodeProblem(QUANTITY_FORMAT_ERROR);
}

export function containerDefaults(c: Obj): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(typeof c.image === 'string' ? c.image : '');
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  // ResourceRequirements is a struct in Go, so it is always written, empty or not.
  c.resources ??= {};
  resourceList(c.resources.limits);
  resourceList(c.resources.requests);
  for (const p of listOf(c.ports)) if (isObject(p)) p.protocol ||= 'TCP';
  for (const e of listOf(c.env)) if (isObject(e?.valueFrom?.fieldRef)) e.valueFrom.fieldRef.apiVersion ||= 'v1';
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) if (isObject(probe)) probeDefaults(probe);
  for (const hook of [c.lifecycle?.postStart, c.lifecycle?.preStop]) if (isObject(hook?.httpGet)) httpGetDefaults(hook.httpGet);
}

function probeDefaults(p: Obj): void {
  p.timeoutSeconds ||= 1;
  p.periodSeconds ||= 10;
  p.successThreshold ||= 1;
  p.failureThreshold ||= 3;
  if (isObject(p.httpGet)) httpGetDefaults(p.httpGet);
  if (isObject(p.grpc)) p.grpc.service ??= '';
}

function httpGetDefaults(h: Obj): void {
  h.path ||= '/';
  h.scheme ||= 'HTTP';
}

export function volumeDefaults(v: Obj): void {
  if (!volumeSourcesOf(v).length) v.emptyDir = {};
  if (isObject(v.hostPath)) v.hostPath.type ??= '';
  for (const key of ['secret', 'configMap', 'downwardAPI', 'projected'] as const) if (isObject(v[key])) v[key].defaultMode ??= 420;
  for (const item of listOf(v.downwardAPI?.items)) if (isObject(item?.fieldRef)) item.fieldRef.apiVersion ||= 'v1';
  for (const src of listOf(v.projected?.sources)) {
    for (const item of listOf(src?.downwardAPI?.items)) if (isObject(item?.fieldRef)) item.fieldRef.apiVersion ||= 'v1';
    if (isObject(src?.serviceAccountToken)) src.serviceAccountToken.expirationSeconds ??= 3600;
  }
  if (isObject(v.emptyDir) && v.emptyDir.sizeLimit !== undefined) {
    const holder = { sizeLimit: v.emptyDir.sizeLimit };
    resourceList(holder, false);
    v.emptyDir.sizeLimit = holder.sizeLimit;
  }
  if (isObject(v.iscsi)) v.iscsi.iscsiInterface ||= 'default';
  if (isObject(v.rbd)) Object.assign(v.rbd, { pool: v.rbd.pool || 'rbd', user: v.rbd.user || 'admin', keyring: v.rbd.keyring || '/etc/ceph/keyring' });
  if (isObject(v.azureDisk)) {
    v.azureDisk.cachingMode ??= 'ReadWrite';
    v.azureDisk.fsType ??= 'ext4';
    v.azureDisk.readOnly ??= false;
    v.azureDisk.kind ??= 'Shared';
  }
  if (isObject(v.scaleIO)) {
    v.scaleIO.storageMode ||= 'ThinProvisioned';
    v.scaleIO.fsType ||= 'xfs';
  }
  if (isObject(v.image) && !v.image.pullPolicy) v.image.pullPolicy = defaultPullPolicy(String(v.image.reference ?? ''));
  const claim = v.ephemeral?.volumeClaimTemplate?.spec;
  if (isObject(claim)) {
    claim.volumeMode ??= 'Filesystem';
    if (isObject(claim.resources)) {
      resourceList(claim.resources.limits);
      resourceList(claim.resources.requests);
    }
  }
}
