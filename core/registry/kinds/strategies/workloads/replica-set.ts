import type { KubeObject } from '../../../../api/types.js';
import type { KindBehavior } from '../../behavior.js';
import { validateLabels } from '../../../validation/object-meta.js';
import { immutable, invalid, isObject, nonNegative, required, type Errors } from '../common/field.js';
import { selectorUsable } from '../common/selector.js';
import { validatePodTemplateSpec } from '../pod/pod-spec-validation.js';
import { alwaysRestart, nameWarnings, recountGeneration, requiredSelector, templateDefaults, templateMatchesSelector, templateWarnings } from './workload-common.js';

// ReplicaSet (apps/v1) and its ancestor ReplicationController (core/v1, a plain label map).

const warnings = (obj: KubeObject, old: KubeObject | undefined) =>
  old ? (obj.metadata.generation !== old.metadata.generation ? templateWarnings(obj.spec?.template) : []) : [...nameWarnings(obj), ...templateWarnings(obj.spec?.template)];

export const replicaSetBehavior: KindBehavior = {
  strategy: {
    defaults(obj) {
      if (!isObject(obj.spec)) obj.spec = {};
      obj.spec.replicas ??= 1;
      templateDefaults(obj, obj.spec.template);
    },
    prepareForCreate(obj) {
      obj.status = { replicas: 0 };
    },
    prepareForUpdate: (obj, old) => recountGeneration(obj, old),
    validate(obj) {
      const s = obj.spec ?? {};
      // Upstream's ReplicaSet message really does say "deployment".
      const errs: Errors = [...nonNegative('spec.replicas', s.replicas), ...nonNegative('spec.minReadySeconds', s.minReadySeconds), ...requiredSelector(s.selector, 'spec.selector', 'deployment')];
      if (!selectorUsable(s.selector)) errs.push(invalid('spec.selector', s.selector, 'invalid label selector'));
      else errs.push(...templateMatchesSelector(s.selector, s.template, 'spec.template'), ...validatePodTemplateSpec(s.template, 'spec.template'), ...alwaysRestart(s.template, 'spec.template', 'ReplicaSet'));
      return errs;
    },
    validateUpdate: (obj, old) => immutable('spec.selector', obj.spec?.selector, old.spec?.selector),
    warnings,
  },
};

export const replicationControllerBehavior: KindBehavior = {
  strategy: {
    defaults(obj) {
      if (!isObject(obj.spec)) obj.spec = {};
      const labels = obj.spec.template?.metadata?.labels;
      if (isObject(labels)) {
        if (!Object.keys(obj.spec.selector ?? {}).length) obj.spec.selector = { ...labels };
        if (!Object.keys(obj.metadata.labels ?? {}).length) obj.metadata.labels = { ...labels };
      }
      obj.spec.replicas ??= 1;
      if (obj.spec.template) templateDefaults(obj, obj.spec.template);
    },
    prepareForCreate(obj) {
      obj.status = { replicas: 0 };
    },
    prepareForUpdate: (obj, old) => recountGeneration(obj, old),
    validate(obj) {
      const s = obj.spec ?? {};
      const selector: Record<string, string> = isObject(s.selector) ? s.selector : {};
      const errs: Errors = [...nonNegative('spec.minReadySeconds', s.minReadySeconds), ...validateLabels(selector, 'spec.selector')];
      if (!Object.keys(selector).length) errs.push(required('spec.selector'));
      if (s.replicas === undefined || s.replicas === null) errs.push(required('spec.replicas'));
      else errs.push(...nonNegative('spec.replicas', s.replicas));
      if (!isObject(s.template)) return [...errs, required('spec.template')];
      const labels = s.template.metadata?.labels ?? {};
      if (Object.keys(selector).length && !Object.entries(selector).every(([k, v]) => labels[k] === v))
        errs.push(invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
      errs.push(...validatePodTemplateSpec(s.template, 'spec.template'), ...alwaysRestart(s.template, 'spec.template', 'ReplicationController'));
      return errs;
    },
    warnings,
  },
};
