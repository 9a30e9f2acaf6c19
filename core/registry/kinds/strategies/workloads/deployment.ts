import type { KindBehavior } from '../../behavior.js';
import { forbidden, immutable, invalid, isObject, nonNegative, notSupported, required, type Errors } from '../common/field.js';
import { validatePodTemplateSpec } from '../pod/pod-spec-validation.js';
import {
  alwaysRestart,
  intOrPercentValue,
  nameWarnings,
  notMoreThan100Percent,
  positiveIntOrPercent,
  recountGeneration,
  requiredSelector,
  templateDefaults,
  templateMatchesSelector,
  templateWarnings,
} from './workload-common.js';
import { selectorUsable } from '../common/selector.js';

type Obj = Record<string, any>;

export function deploymentDefaults(spec: Obj): void {
  spec.replicas ??= 1;
  spec.strategy ??= {};
  spec.strategy.type ||= 'RollingUpdate';
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate ??= {};
    spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
    spec.strategy.rollingUpdate.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
}

function validateStrategy(strategy: Obj | undefined, f: string): Errors {
  const s = strategy ?? {};
  switch (s.type) {
    case 'Recreate':
      return s.rollingUpdate ? [forbidden(`${f}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate': {
      const ru = s.rollingUpdate;
      if (!isObject(ru)) return [required(`${f}.rollingUpdate`, 'this should be defaulted and never be nil')];
      const errs = [...positiveIntOrPercent(`${f}.rollingUpdate.maxUnavailable`, ru.maxUnavailable), ...positiveIntOrPercent(`${f}.rollingUpdate.maxSurge`, ru.maxSurge)];
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0)
        errs.push(invalid(`${f}.rollingUpdate.maxUnavailable`, ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
      errs.push(...notMoreThan100Percent(`${f}.rollingUpdate.maxUnavailable`, ru.maxUnavailable));
      return errs;
    }
    default:
      return [notSupported(f, s, ['Recreate', 'RollingUpdate'])];
  }
}

export function validateDeploymentSpec(spec: Obj | undefined): Errors {
  const s = spec ?? {};
  const errs: Errors = [...nonNegative('spec.replicas', s.replicas), ...requiredSelector(s.selector, 'spec.selector', 'deployment')];
  if (!selectorUsable(s.selector)) errs.push(invalid('spec.selector', s.selector, 'invalid label selector'));
  else errs.push(...templateMatchesSelector(s.selector, s.template, 'spec.template'), ...validatePodTemplateSpec(s.template, 'spec.template'), ...alwaysRestart(s.template, 'spec.template', 'ReplicaSet'));
  errs.push(...validateStrategy(s.strategy, 'spec.strategy'), ...nonNegative('spec.minReadySeconds', s.minReadySeconds));
  if (s.revisionHistoryLimit !== undefined) errs.push(...nonNegative('spec.revisionHistoryLimit', s.revisionHistoryLimit));
  if (typeof s.progressDeadlineSeconds === 'number') {
    errs.push(...nonNegative('spec.progressDeadlineSeconds', s.progressDeadlineSeconds));
    if (s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0)) errs.push(invalid('spec.progressDeadlineSeconds', s.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

export const deploymentBehavior: KindBehavior = {
  strategy: {
    defaults(obj) {
      if (!isObject(obj.spec)) obj.spec = {};
      deploymentDefaults(obj.spec);
      templateDefaults(obj, obj.spec.template);
    },
    prepareForCreate(obj) {
      obj.status = {};
    },
    prepareForUpdate(obj, old) {
      // Deployments also count annotation changes, a leftover of the rollback annotations.
      recountGeneration(obj, old, true);
    },
    validate: (obj) => validateDeploymentSpec(obj.spec),
    validateUpdate: (obj, old) => immutable('spec.selector', obj.spec?.selector, old.spec?.selector),
    warnings: (obj, old) => (old ? (obj.metadata.generation !== old.metadata.generation ? templateWarnings(obj.spec?.template) : []) : [...nameWarnings(obj), ...templateWarnings(obj.spec?.template)]),
  },
};
