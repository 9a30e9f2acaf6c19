import { rfc3339 } from '../../../../util/clock.js';
import type { KindBehavior } from '../../behavior.js';
import { DecodeProblem, decoding, entriesOf, forbidden, immutable, invalid, isObject, listOf, notSupported, required, semanticEqual, type Errors } from '../common/field.js';
import { unifiedDiff } from '../common/line-diff.js';
import { dnsSubdomain, qualifiedName } from '../common/names.js';
import { canonicalizeResourceList, compareQuantity, formatQuantity, QUANTITY_FORMAT_ERROR, tryParseQuantity } from '../common/quantity.js';
import { validateLabelSelector } from '../common/selector.js';
import type { ObjectLookup } from '../lookup.js';

// PersistentVolumeClaim, PersistentVolume and StorageClass: defaults and the checks users hit.

type Obj = Record<string, any>;

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const DEFAULT_CLASS_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];
const PV_SOURCES = [
  'gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'iscsi', 'cinder', 'cephfs', 'fc', 'flocker',
  'flexVolume', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'local',
  'storageos', 'csi',
];

/** PersistentVolumeClaimSpec defaults, also applied to StatefulSet volumeClaimTemplates. */
export function claimSpecDefaults(spec: Obj): void {
  spec.volumeMode ??= 'Filesystem';
  if (isObject(spec.resources)) {
    canonical(spec.resources.requests);
    canonical(spec.resources.limits);
  }
}

function canonical(list: unknown): void {
  if (canonicalizeResourceList(list, true).length) throw new DecodeProblem(QUANTITY_FORMAT_ERROR);
}

/** DefaultStorageClass admission: the newest class annotated as the default. */
function defaultStorageClass(lookup: ObjectLookup | undefined): string | undefined {
  const defaults = (lookup?.list('storage.k8s.io', 'StorageClass') ?? []).filter((sc) => DEFAULT_CLASS_ANNOTATIONS.some((a) => sc.metadata.annotations?.[a] === 'true'));
  defaults.sort((a, b) => String(b.metadata.creationTimestamp ?? '').localeCompare(String(a.metadata.creationTimestamp ?? '')) || String(a.metadata.name).localeCompare(String(b.metadata.name)));
  return defaults[0]?.metadata.name;
}

export function validateClaimSpec(spec: Obj | undefined, f: string): Errors {
  const s = spec ?? {};
  const errs: Errors = [];
  const modes = listOf<string>(s.accessModes);
  if (!modes.length) errs.push(required(`${f}.accessModes`, 'at least 1 access mode is required'));
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(notSupported(`${f}.accessModes`, m, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.some((m) => m !== 'ReadWriteOncePod')) errs.push(forbidden(`${f}.accessModes`, 'may not use ReadWriteOncePod with other access modes'));
  if (s.selector) errs.push(...validateLabelSelector(s.selector, `${f}.selector`));
  const storage = tryParseQuantity(s.resources?.requests?.storage);
  if (s.resources?.requests?.storage === undefined) errs.push(required(`${f}.resources[storage]`));
  else if (storage && storage.mantissa <= 0n) errs.push(invalid(`${f}.resources[storage]`, formatQuantity(storage), 'must be greater than zero'));
  if (s.storageClassName) errs.push(...dnsSubdomain(`${f}.storageClassName`, String(s.storageClassName)));
  if (s.volumeMode !== undefined && !VOLUME_MODES.includes(s.volumeMode)) errs.push(notSupported(`${f}.volumeMode`, s.volumeMode, VOLUME_MODES));
  return errs;
}

function validateClaimUpdate(obj: Obj, old: Obj): Errors {
  const now = structuredClone(obj.spec ?? {});
  const was = structuredClone(old.spec ?? {});
  // The binder sets volumeName once; a default class may be assigned to a claim that had none.
  if (!was.volumeName) was.volumeName = now.volumeName;
  if (was.storageClassName === undefined) was.storageClassName = now.storageClassName;
  if (isObject(now.resources?.requests) && isObject(was.resources)) {
    was.resources.requests = { ...was.resources.requests, storage: now.resources.requests.storage };
  }
  delete now.volumeAttributesClassName;
  delete was.volumeAttributesClassName;
  const errs: Errors = [];
  if (!semanticEqual(now, was)) errs.push(forbidden('spec', `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${unifiedDiff(was, now)}`));
  const newSize = tryParseQuantity(obj.spec?.resources?.requests?.storage);
  const oldSize = tryParseQuantity(old.spec?.resources?.requests?.storage);
  const capacity = tryParseQuantity(old.status?.capacity?.storage);
  if (newSize && oldSize && compareQuantity(newSize, oldSize) < 0) {
    if (!capacity || compareQuantity(newSize, capacity) <= 0) errs.push(forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
  }
  return errs;
}

export function createClaimBehavior(lookup?: ObjectLookup): KindBehavior {
  return {
    strategy: {
      defaults(obj) {
        if (!isObject(obj.spec)) obj.spec = {};
        decoding(obj, () => claimSpecDefaults(obj.spec));
      },
      prepareForCreate(obj) {
        obj.status = { phase: 'Pending' };
        // Only a claim that says nothing about its class gets the default; "" means no class.
        if (obj.spec.storageClassName === undefined) {
          const name = defaultStorageClass(lookup);
          if (name) obj.spec.storageClassName = name;
        }
      },
      validate: (obj) => validateClaimSpec(obj.spec, 'spec'),
      validateUpdate: (obj, old) => validateClaimUpdate(obj, old),
    },
  };
}

export const persistentVolumeBehavior: KindBehavior = {
  strategy: {
    defaults(obj) {
      if (!isObject(obj.spec)) obj.spec = {};
      obj.spec.persistentVolumeReclaimPolicy ||= 'Retain';
      obj.spec.volumeMode ??= 'Filesystem';
      if (isObject(obj.spec.hostPath)) obj.spec.hostPath.type ??= '';
      decoding(obj, () => canonical(obj.spec.capacity));
    },
    prepareForCreate(obj, ctx) {
      obj.status = { phase: 'Pending', lastPhaseTransitionTime: rfc3339(ctx.clock.now()) };
    },
    validate(obj) {
      const s = obj.spec ?? {};
      const errs: Errors = [];
      const capacity = isObject(s.capacity) ? s.capacity : {};
      if (!Object.keys(capacity).length) errs.push(required('spec.capacity'));
      else if (!('storage' in capacity) || Object.keys(capacity).length > 1) errs.push(notSupported('spec.capacity', capacity, ['storage']));
      if (!listOf(s.accessModes).length) errs.push(required('spec.accessModes', 'at least 1 access mode is required'));
      for (const m of listOf<string>(s.accessModes)) if (!ACCESS_MODES.includes(m)) errs.push(notSupported('spec.accessModes', m, ACCESS_MODES));
      const sources = PV_SOURCES.filter((k) => isObject(s[k]));
      if (!sources.length) errs.push(required('spec', 'must specify a volume type'));
      else if (sources.length > 1) errs.push(forbidden(`spec.${sources[1]}`, 'may not specify more than 1 volume type'));
      if (isObject(s.hostPath) && !s.hostPath.path) errs.push(required('spec.hostPath.path'));
      if (isObject(s.local) && !s.local.path) errs.push(required('spec.local.path'));
      if (isObject(s.csi) && !s.csi.driver) errs.push(required('spec.csi.driver'));
      if (!['Delete', 'Recycle', 'Retain'].includes(s.persistentVolumeReclaimPolicy)) errs.push(notSupported('spec.persistentVolumeReclaimPolicy', s.persistentVolumeReclaimPolicy, ['Delete', 'Recycle', 'Retain']));
      if (s.volumeMode !== undefined && !VOLUME_MODES.includes(s.volumeMode)) errs.push(notSupported('spec.volumeMode', s.volumeMode, VOLUME_MODES));
      if (s.storageClassName) errs.push(...dnsSubdomain('spec.storageClassName', String(s.storageClassName)));
      return errs;
    },
    validateUpdate(obj, old) {
      const source = (spec: Obj | undefined) => Object.fromEntries(PV_SOURCES.map((k) => [k, spec?.[k]]));
      const errs: Errors = [];
      if (!semanticEqual(source(obj.spec), source(old.spec)))
        errs.push(forbidden('spec.persistentvolumesource', `spec.persistentvolumesource is immutable after creation\n${unifiedDiff(source(old.spec), source(obj.spec))}`));
      errs.push(...immutable('volumeMode', obj.spec?.volumeMode, old.spec?.volumeMode));
      if (old.spec?.nodeAffinity) errs.push(...immutable('nodeAffinity', obj.spec?.nodeAffinity, old.spec?.nodeAffinity));
      return errs;
    },
  },
};

export const storageClassBehavior: KindBehavior = {
  strategy: {
    defaults(obj) {
      obj.reclaimPolicy ||= 'Delete';
      obj.volumeBindingMode ||= 'Immediate';
    },
    validate(obj) {
      const errs: Errors = [];
      if (!obj.provisioner) errs.push(required('provisioner'));
      else errs.push(...qualifiedName('provisioner', String(obj.provisioner)));
      const params = entriesOf(obj.parameters);
      if (params.length > 512) errs.push(invalid('parameters', params.length, 'may not have more than 512 parameters'));
      if (!['Delete', 'Retain'].includes(obj.reclaimPolicy)) errs.push(notSupported('reclaimPolicy', obj.reclaimPolicy, ['Delete', 'Retain']));
      if (!obj.volumeBindingMode) errs.push(required('volumeBindingMode'));
      else if (!['Immediate', 'WaitForFirstConsumer'].includes(obj.volumeBindingMode)) errs.push(notSupported('volumeBindingMode', obj.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
      return errs;
    },
    validateUpdate(obj, old) {
      const errs: Errors = [];
      if (!semanticEqual(obj.parameters, old.parameters)) errs.push(forbidden('parameters', 'updates to parameters are forbidden.'));
      if (obj.provisioner !== old.provisioner) errs.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
      if (obj.reclaimPolicy !== old.reclaimPolicy) errs.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
      errs.push(...immutable('volumeBindingMode', obj.volumeBindingMode, old.volumeBindingMode));
      return errs;
    },
  },
};
