import type { KindBehavior } from '../../behavior.js';
import { decoding, forbidden, invalid, isObject, listOf, nonNegative, notSupported, required, semanticEqual, type Errors } from '../common/field.js';
import { selectorUsable } from '../common/selector.js';
import { dropNullTimestamp } from '../pod/pod-defaults.js';
import { validatePodTemplateSpec } from '../pod/pod-spec-validation.js';
import { claimSpecDefaults } from '../platform/storage.js';
import { alwaysRestart, positiveIntOrPercent, intOrPercentValue, notMoreThan100Percent, recountGeneration, requiredSelector, templateDefaults, templateMatchesSelector, templateWarnings } from './workload-common.js';

type Obj = Record<string, any>;

const RETENTION = ['Retain', 'Delete'];

export function statefulSetDefaults(spec: Obj): void {
  spec.podManagementPolicy ||= 'OrderedReady';
  spec.updateStrategy ??= {};
  if (!spec.updateStrategy.type) {
    spec.updateStrategy.type = 'RollingUpdate';
    spec.updateStrategy.rollingUpdate ??= {};
  }
  if (spec.updateStrategy.type === 'RollingUpdate' && isObject(spec.updateStrategy.rollingUpdate)) spec.updateStrategy.rollingUpdate.partition ??= 0;
  spec.persistentVolumeClaimRetentionPolicy ??= {};
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ||= 'Retain';
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  // serviceName has no omitempty upstream, so it is always written.
  spec.serviceName ??= '';
  for (const claim of listOf(spec.volumeClaimTemplates)) {
    if (!isObject(claim)) continue;
    claim.apiVersion = 'v1';
    claim.kind = 'PersistentVolumeClaim';
    claim.metadata ??= {};
    dropNullTimestamp(claim.metadata);
    claim.spec ??= {};
    claimSpecDefaults(claim.spec);
    claim.status ??= {};
    claim.status.phase ||= 'Pending';
  }
}

function validateStrategy(s: Obj | undefined): Errors {
  const u = s ?? {};
  const f = 'spec.updateStrategy';
  switch (u.type) {
    case undefined:
    case '':
      return [required(f)];
    case 'OnDelete':
      return u.rollingUpdate ? [invalid(`${f}.rollingUpdate`, u.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'")] : [];
    case 'RollingUpdate': {
      const ru = u.rollingUpdate;
      if (!isObject(ru)) return [];
      const errs = nonNegative(`${f}.rollingUpdate.partition`, ru.partition);
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) {
        errs.push(...positiveIntOrPercent(`${f}.rollingUpdate.maxUnavailable`, ru.maxUnavailable));
        if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(invalid(`${f}.rollingUpdate.maxUnavailable`, ru.maxUnavailable, 'cannot be 0'));
        errs.push(...notMoreThan100Percent(`${f}.rollingUpdate.maxUnavailable`, ru.maxUnavailable));
      }
      return errs;
    }
    default:
      return [invalid(f, u, "must be 'RollingUpdate' or 'OnDelete'")];
  }
}

export function validateStatefulSetSpec(spec: Obj | undefined): Errors {
  const s = spec ?? {};
  const errs: Errors = [];
  if (!s.podManagementPolicy) errs.push(required('spec.podManagementPolicy'));
  else if (!['OrderedReady', 'Parallel'].includes(s.podManagementPolicy)) errs.push(invalid('spec.podManagementPolicy', s.podManagementPolicy, "must be 'OrderedReady' or 'Parallel'"));
  errs.push(...validateStrategy(s.updateStrategy));
  const policy = s.persistentVolumeClaimRetentionPolicy;
  if (isObject(policy))
    for (const k of ['whenDeleted', 'whenScaled']) if (!RETENTION.includes(policy[k])) errs.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${k}`, policy[k] ?? '', RETENTION));
  errs.push(...nonNegative('spec.replicas', s.replicas), ...nonNegative('spec.minReadySeconds', s.minReadySeconds));
  if (isObject(s.ordinals)) errs.push(...nonNegative('spec.ordinals.start', s.ordinals.start));
  errs.push(...requiredSelector(s.selector, 'spec.selector', 'statefulset'));
  if (!selectorUsable(s.selector)) errs.push(invalid('spec.selector', s.selector, ''));
  else if (isObject(s.template)) {
    errs.push(...templateMatchesSelector(s.selector, s.template, 'spec.template'));
    // Mounts may name a volumeClaimTemplate as well as a pod volume.
    const claimNames = listOf(s.volumeClaimTemplates).map((c) => String(c?.metadata?.name ?? ''));
    errs.push(...validatePodTemplateSpec(s.template, 'spec.template', { claimNames }));
  } else errs.push(required('spec.template'));
  errs.push(...alwaysRestart(s.template, 'spec.template', 'StatefulSet'));
  return errs;
}

const MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

export const statefulSetBehavior: KindBehavior = {
  // Pods are named <set>-<ordinal> and used as hostnames, so the set's name must be a DNS label.
  nameRule: 'label',
  strategy: {
    defaults(obj) {
      if (!isObject(obj.spec)) obj.spec = {};
      decoding(obj, () => statefulSetDefaults(obj.spec));
      templateDefaults(obj, obj.spec.template);
    },
    prepareForCreate(obj) {
      obj.status = { replicas: 0, availableReplicas: 0 };
    },
    prepareForUpdate: (obj, old) => recountGeneration(obj, old),
    validate: (obj) => validateStatefulSetSpec(obj.spec),
    validateUpdate(obj, old) {
      const strip = (spec: Obj | undefined) => Object.fromEntries(Object.entries(spec ?? {}).filter(([k]) => !MUTABLE.includes(k)));
      return semanticEqual(strip(obj.spec), strip(old.spec))
        ? []
        : [forbidden('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden")];
    },
    warnings: (obj, old) => (!old || obj.metadata.generation !== old.metadata.generation ? templateWarnings(obj.spec?.template) : []),
  },
};
