import type { KindBehavior } from '../../behavior.js';
import { nameProblems } from '../../../validation/names.js';
import { invalid, isObject, listOf, notSupported, required, type Errors } from '../common/field.js';
import { recountGeneration } from '../common/generation.js';
import { tryParseQuantity } from '../common/quantity.js';
import { validateLabelSelector } from '../common/selector.js';
import { notMoreThan100Percent, positiveIntOrPercent } from '../workloads/workload-common.js';

// PodDisruptionBudget (policy/v1) and HorizontalPodAutoscaler (autoscaling/v2).

type Obj = Record<string, any>;

export const podDisruptionBudgetBehavior: KindBehavior = {
  strategy: {
    prepareForCreate(obj) {
      // These counters have no omitempty upstream, so a new budget shows them as zeros.
      obj.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
    },
    prepareForUpdate: (obj, old) => recountGeneration(obj, old),
    validate(obj) {
      const s = obj.spec ?? {};
      const errs: Errors = [];
      const has = (v: unknown) => v !== undefined && v !== null;
      if (has(s.minAvailable) && has(s.maxUnavailable)) errs.push(invalid('spec', s, 'minAvailable and maxUnavailable cannot be both set'));
      for (const k of ['minAvailable', 'maxUnavailable']) if (has(s[k])) errs.push(...positiveIntOrPercent(`spec.${k}`, s[k]), ...notMoreThan100Percent(`spec.${k}`, s[k]));
      errs.push(...validateLabelSelector(s.selector, 'spec.selector'));
      if (has(s.unhealthyPodEvictionPolicy) && !['AlwaysAllow', 'IfHealthyBudget'].includes(s.unhealthyPodEvictionPolicy))
        errs.push(notSupported('spec.unhealthyPodEvictionPolicy', s.unhealthyPodEvictionPolicy, ['AlwaysAllow', 'IfHealthyBudget']));
      return errs;
    },
  },
};

const SCALE_UP = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] };
const SCALE_DOWN = { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };

function scalingRules(rules: Obj | undefined, defaults: Obj): Obj {
  if (!isObject(rules)) return structuredClone(defaults);
  return {
    ...rules,
    stabilizationWindowSeconds: rules.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
    selectPolicy: rules.selectPolicy ?? defaults.selectPolicy,
    policies: rules.policies ?? structuredClone(defaults.policies),
  };
}

export function hpaDefaults(spec: Obj): void {
  spec.minReplicas ??= 1;
  if (!listOf(spec.metrics).length)
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  if (isObject(spec.behavior)) {
    spec.behavior.scaleUp = scalingRules(spec.behavior.scaleUp, SCALE_UP);
    spec.behavior.scaleDown = scalingRules(spec.behavior.scaleDown, SCALE_DOWN);
  }
}

const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SOURCE_FIELD: Record<string, string> = { Object: 'object', Pods: 'pods', Resource: 'resource', ContainerResource: 'containerResource', External: 'external' };

function validateTarget(t: Obj | undefined, f: string): Errors {
  if (!isObject(t)) return [required(f)];
  const errs: Errors = [];
  if (!t.type) errs.push(required(`${f}.type`, 'must specify a metric target type'));
  else if (!['Utilization', 'Value', 'AverageValue'].includes(t.type)) errs.push(invalid(`${f}.type`, t.type, 'must be either Utilization, Value, or AverageValue'));
  for (const k of ['value', 'averageValue']) {
    const q = tryParseQuantity(t[k]);
    if (t[k] !== undefined && (!q || q.mantissa <= 0n)) errs.push(invalid(`${f}.${k}`, t[k], 'must be positive'));
  }
  if (typeof t.averageUtilization === 'number' && t.averageUtilization < 1) errs.push(invalid(`${f}.averageUtilization`, t.averageUtilization, 'must be greater than 0'));
  return errs;
}

export function validateHpaSpec(spec: Obj | undefined): Errors {
  const s = spec ?? {};
  const errs: Errors = [];
  if (typeof s.minReplicas === 'number' && s.minReplicas < 1) errs.push(invalid('spec.minReplicas', s.minReplicas, 'must be greater than or equal to 1'));
  if (!(typeof s.maxReplicas === 'number' && s.maxReplicas >= 1)) errs.push(invalid('spec.maxReplicas', s.maxReplicas ?? 0, 'must be greater than 0'));
  if (typeof s.minReplicas === 'number' && typeof s.maxReplicas === 'number' && s.maxReplicas < s.minReplicas)
    errs.push(invalid('spec.maxReplicas', s.maxReplicas, 'must be greater than or equal to `minReplicas`'));
  const ref = isObject(s.scaleTargetRef) ? s.scaleTargetRef : {};
  for (const k of ['kind', 'name']) {
    if (!ref[k]) errs.push(required(`spec.scaleTargetRef.${k}`));
    else for (const m of nameProblems(String(ref[k]), 'path-segment')) errs.push(invalid(`spec.scaleTargetRef.${k}`, ref[k], m));
  }
  for (const [i, m] of listOf(s.metrics).entries()) {
    const f = `spec.metrics[${i}]`;
    if (!m.type) {
      errs.push(required(`${f}.type`, 'must specify a metric source type'));
      continue;
    }
    if (!METRIC_TYPES.includes(m.type)) {
      errs.push(notSupported(`${f}.type`, m.type, METRIC_TYPES));
      continue;
    }
    const key = SOURCE_FIELD[m.type];
    const src = m[key];
    if (!isObject(src)) {
      errs.push(required(`${f}.${key}`, `must populate information for the given metric source`));
      continue;
    }
    if ((key === 'resource' || key === 'containerResource') && !src.name) errs.push(required(`${f}.${key}.name`, 'must specify a resource name'));
    errs.push(...validateTarget(src.target, `${f}.${key}.target`));
  }
  for (const dir of ['scaleUp', 'scaleDown'] as const) {
    const rules = s.behavior?.[dir];
    if (!isObject(rules)) continue;
    const f = `spec.behavior.${dir}`;
    if (typeof rules.stabilizationWindowSeconds === 'number' && (rules.stabilizationWindowSeconds < 0 || rules.stabilizationWindowSeconds > 3600))
      errs.push(invalid(`${f}.stabilizationWindowSeconds`, rules.stabilizationWindowSeconds, 'must be less than or equal to 3600'));
    if (rules.selectPolicy !== undefined && !['Disabled', 'Max', 'Min'].includes(rules.selectPolicy)) errs.push(notSupported(`${f}.selectPolicy`, rules.selectPolicy, ['Disabled', 'Max', 'Min']));
    for (const [j, p] of listOf(rules.policies).entries()) {
      const pf = `${f}.policies[${j}]`;
      if (!['Pods', 'Percent'].includes(p.type)) errs.push(notSupported(`${pf}.type`, p.type ?? '', ['Percent', 'Pods']));
      if (!(typeof p.value === 'number' && p.value > 0)) errs.push(invalid(`${pf}.value`, p.value ?? 0, 'must be greater than zero'));
      if (!(typeof p.periodSeconds === 'number' && p.periodSeconds > 0 && p.periodSeconds <= 1800)) errs.push(invalid(`${pf}.periodSeconds`, p.periodSeconds ?? 0, 'must be greater than zero and less than or equal to 1800'));
    }
  }
  return errs;
}

export const horizontalPodAutoscalerBehavior: KindBehavior = {
  strategy: {
    defaults(obj) {
      if (!isObject(obj.spec)) obj.spec = {};
      hpaDefaults(obj.spec);
    },
    prepareForCreate(obj) {
      obj.status = { desiredReplicas: 0 };
    },
    prepareForUpdate: (obj, old) => recountGeneration(obj, old),
    validate: (obj) => validateHpaSpec(obj.spec),
  },
};
