import type { KindBehavior } from '../../behavior.js';
import { immutable, invalid, isObject, nonNegative, notSupported, required, type Errors } from '../common/field.js';
import { selectorEmpty, selectorMatches, selectorUsable, validateLabelSelector } from '../common/selector.js';
import { validatePodTemplateSpec } from '../pod/pod-spec-validation.js';
import { alwaysRestart, intOrPercentValue, nameWarnings, notMoreThan100Percent, positiveIntOrPercent, recountGeneration, templateDefaults, templateWarnings } from './workload-common.js';

type Obj = Record<string, any>;

export function daemonSetDefaults(spec: Obj): void {
  spec.updateStrategy ??= {};
  spec.updateStrategy.type ||= 'RollingUpdate';
  if (spec.updateStrategy.type === 'RollingUpdate') {
    spec.updateStrategy.rollingUpdate ??= {};
    spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
    spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
}

function validateStrategy(s: Obj | undefined): Errors {
  const f = 'spec.updateStrategy';
  const u = s ?? {};
  if (u.type === 'OnDelete') return [];
  if (u.type !== 'RollingUpdate') return [notSupported(f, u, ['RollingUpdate', 'OnDelete'])];
  const ru = u.rollingUpdate;
  if (!isObject(ru)) return [required(`${f}.rollingUpdate`)];
  const rf = `${f}.rollingUpdate`;
  const errs = [
    ...positiveIntOrPercent(`${rf}.maxUnavailable`, ru.maxUnavailable),
    ...positiveIntOrPercent(`${rf}.maxSurge`, ru.maxSurge),
    ...notMoreThan100Percent(`${rf}.maxUnavailable`, ru.maxUnavailable),
    ...notMoreThan100Percent(`${rf}.maxSurge`, ru.maxSurge),
  ];
  const unavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const surge = intOrPercentValue(ru.maxSurge) !== 0;
  if (unavailable && surge) errs.push(invalid(`${rf}.maxSurge`, ru.maxSurge, 'may not be set when maxUnavailable is non-zero'));
  if (!unavailable && !surge) errs.push(required(`${rf}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  return errs;
}

export function validateDaemonSetSpec(spec: Obj | undefined): Errors {
  const s = spec ?? {};
  const errs = validateLabelSelector(s.selector, 'spec.selector');
  // A missing selector selects nothing, so upstream reports the template mismatch instead.
  if (selectorUsable(s.selector) && !(isObject(s.selector) && selectorMatches(s.selector, s.template?.metadata?.labels)))
    errs.push(invalid('spec.template.metadata.labels', s.template?.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
  if (isObject(s.selector) && selectorEmpty(s.selector)) errs.push(invalid('spec.selector', s.selector, 'empty selector is invalid for daemonset'));
  errs.push(...validatePodTemplateSpec(s.template, 'spec.template'), ...alwaysRestart(s.template, 'spec.template', 'DaemonSet'));
  errs.push(...nonNegative('spec.minReadySeconds', s.minReadySeconds), ...validateStrategy(s.updateStrategy));
  if (s.revisionHistoryLimit !== undefined) errs.push(...nonNegative('spec.revisionHistoryLimit', s.revisionHistoryLimit));
  return errs;
}

export const daemonSetBehavior: KindBehavior = {
  strategy: {
    defaults(obj) {
      if (!isObject(obj.spec)) obj.spec = {};
      daemonSetDefaults(obj.spec);
      templateDefaults(obj, obj.spec.template);
    },
    prepareForCreate(obj) {
      obj.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
    },
    prepareForUpdate: (obj, old) => recountGeneration(obj, old),
    validate: (obj) => validateDaemonSetSpec(obj.spec),
    validateUpdate: (obj, old) => immutable('spec.selector', obj.spec?.selector, old.spec?.selector),
    warnings: (obj, old) => (old ? (obj.metadata.generation !== old.metadata.generation ? templateWarnings(obj.spec?.template) : []) : [...nameWarnings(obj), ...templateWarnings(obj.spec?.template)]),
  },
};
