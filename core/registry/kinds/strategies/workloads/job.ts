import type { KubeObject } from '../../../../api/types.js';
import type { KindBehavior } from '../../behavior.js';
import { nameProblems } from '../../../validation/names.js';
import { immutable, invalid, isObject, listOf, nonNegative, notSupported, required, semanticEqual, type Errors } from '../common/field.js';
import { selectorMatches, selectorUsable, validateLabelSelector } from '../common/selector.js';
import { validatePodTemplateSpec } from '../pod/pod-spec-validation.js';
import { nameWarnings, recountGeneration, templateDefaults, templateWarnings } from './workload-common.js';

type Obj = Record<string, any>;

const INT32_MAX = 2147483647;
const UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
const NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];

/** SetDefaults_Job, plus manualSelector=false which v1 conversion fills in. */
export function jobSpecDefaults(spec: Obj): void {
  if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1;
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? INT32_MAX : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  for (const rule of listOf(spec.podFailurePolicy?.rules)) for (const c of listOf(rule?.onPodConditions)) if (isObject(c)) c.status ||= 'True';
  spec.podReplacementPolicy ??= isObject(spec.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed';
}

/**
 * Selects the job's own pods by uid and labels its template to match. The job's labels, when it
 * has none, are the template's: upstream aliases the two maps while defaulting.
 */
export function generateSelector(job: KubeObject): void {
  const spec = job.spec as Obj;
  spec.template ??= {};
  spec.template.metadata ??= {};
  const labels: Record<string, string> = (spec.template.metadata.labels ??= {});
  for (const key of NAME_LABELS) labels[key] ??= job.metadata.name ?? '';
  for (const key of UID_LABELS) labels[key] ??= job.metadata.uid ?? '';
  spec.selector ??= {};
  spec.selector.matchLabels ??= {};
  spec.selector.matchLabels['batch.kubernetes.io/controller-uid'] ??= job.metadata.uid ?? '';
}

function hasLabel(meta: Obj | undefined, key: string, want: string): Errors {
  const f = `spec.template.metadata.labels[${key}]`;
  const labels = meta?.labels ?? {};
  if (!(key in labels)) return [required(f, `must be '${want}'`)];
  return labels[key] === want ? [] : [invalid(f, labels, `must be '${want}'`)];
}

function generatedSelectorErrors(job: KubeObject, prefixed: boolean): Errors {
  const spec = job.spec ?? {};
  if (spec.manualSelector === true || !spec.selector) return [];
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  const meta = spec.template?.metadata;
  const errs: Errors = uid ? [] : [required('metadata.uid')];
  errs.push(...hasLabel(meta, 'controller-uid', uid), ...hasLabel(meta, 'job-name', name));
  const expected: Record<string, string> = { 'controller-uid': uid, 'job-name': name };
  if (prefixed) {
    errs.push(...hasLabel(meta, 'batch.kubernetes.io/controller-uid', uid), ...hasLabel(meta, 'batch.kubernetes.io/job-name', name));
    Object.assign(expected, { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name });
  }
  if (selectorUsable(spec.selector) && !selectorMatches(spec.selector, expected)) errs.push(invalid('spec.selector', spec.selector, '`selector` not auto-generated'));
  return errs;
}

/** validateJobSpec: the checks a CronJob's job template shares with a Job. */
export function validateJobSpecCommon(spec: Obj | undefined, f: string): Errors {
  const s = spec ?? {};
  const errs: Errors = [];
  for (const k of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes'])
    errs.push(...nonNegative(`${f}.${k}`, s[k]));
  if (s.maxFailedIndexes !== undefined && s.backoffLimitPerIndex === undefined) errs.push(required(`${f}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'));
  if (s.completionMode !== undefined && !['NonIndexed', 'Indexed'].includes(s.completionMode))
    errs.push(notSupported(`${f}.completionMode`, s.completionMode, ['NonIndexed', 'Indexed']));
  if (s.completionMode === 'Indexed') {
    if (s.completions === undefined || s.completions === null) errs.push(required(`${f}.completions`, 'when completion mode is Indexed'));
    if (s.parallelism > 100000) errs.push(invalid(`${f}.parallelism`, s.parallelism, 'must be less than or equal to 100000 when completion mode is Indexed'));
  } else {
    if (s.backoffLimitPerIndex !== undefined) errs.push(invalid(`${f}.backoffLimitPerIndex`, s.backoffLimitPerIndex, 'requires indexed completion mode'));
    if (s.maxFailedIndexes !== undefined) errs.push(invalid(`${f}.maxFailedIndexes`, s.maxFailedIndexes, 'requires indexed completion mode'));
  }
  if (s.podReplacementPolicy !== undefined && !['Failed', 'TerminatingOrFailed'].includes(s.podReplacementPolicy))
    errs.push(notSupported(`${f}.podReplacementPolicy`, s.podReplacementPolicy, ['Failed', 'TerminatingOrFailed']));
  errs.push(...validatePodTemplateSpec(s.template, `${f}.template`));
  const restart = s.template?.spec?.restartPolicy ?? '';
  // Defaulting turns a missing restartPolicy into Always, so both read as "not chosen".
  if (restart === 'Always' || restart === '') errs.push(required(`${f}.template.spec.restartPolicy`, 'valid values: "OnFailure", "Never"'));
  else if (restart !== 'OnFailure' && restart !== 'Never') errs.push(notSupported(`${f}.template.spec.restartPolicy`, restart, ['OnFailure', 'Never']));
  else if (s.podFailurePolicy && restart !== 'Never') errs.push(invalid(`${f}.template.spec.restartPolicy`, restart, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

export function validateJob(job: KubeObject, prefixedLabels: boolean): Errors {
  const s = job.spec ?? {};
  const errs = [...generatedSelectorErrors(job, prefixedLabels), ...validateJobSpecCommon(s, 'spec')];
  if (!s.selector) errs.push(required('spec.selector'));
  else errs.push(...validateLabelSelector(s.selector, 'spec.selector'));
  if (selectorUsable(s.selector) && s.selector && !selectorMatches(s.selector, s.template?.metadata?.labels))
    errs.push(invalid('spec.template.metadata.labels', s.template?.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
  if (s.completionMode === 'Indexed' && s.completions > 0) {
    const host = `${job.metadata.name}-${s.completions - 1}`;
    if (nameProblems(host, 'label').length) errs.push(invalid('metadata.name', job.metadata.name, `will not able to create pod with invalid DNS label: ${host}`));
  }
  return errs;
}

function validateJobUpdate(job: KubeObject, old: KubeObject): Errors {
  const s = job.spec ?? {};
  const o = old.spec ?? {};
  const errs: Errors = [];
  if (s.completionMode === 'Indexed') {
    if (!semanticEqual(s.completions, o.completions) && s.completions !== undefined && s.completions !== s.parallelism)
      errs.push(invalid('spec.completions', s.completions, 'can only be modified in tandem with spec.parallelism'));
  } else errs.push(...immutable('spec.completions', s.completions, o.completions));
  errs.push(...immutable('spec.selector', s.selector, o.selector));
  // A suspended job that never started may still be re-aimed at other nodes.
  let oldTemplate = o.template;
  if (o.suspend === true && !old.status?.startTime && isObject(o.template)) {
    oldTemplate = structuredClone(o.template);
    const t = s.template ?? {};
    oldTemplate.metadata = { ...oldTemplate.metadata, labels: t.metadata?.labels, annotations: t.metadata?.annotations };
    oldTemplate.spec = { ...oldTemplate.spec, nodeSelector: t.spec?.nodeSelector, tolerations: t.spec?.tolerations, schedulingGates: t.spec?.schedulingGates };
    if (t.spec?.affinity || oldTemplate.spec.affinity) oldTemplate.spec.affinity = { ...oldTemplate.spec.affinity, nodeAffinity: t.spec?.affinity?.nodeAffinity };
    if (!t.spec?.affinity && Object.keys(oldTemplate.spec.affinity ?? {}).every((k) => k === 'nodeAffinity' || !oldTemplate.spec.affinity[k])) delete oldTemplate.spec.affinity;
  }
  errs.push(...immutable('spec.template', s.template, oldTemplate));
  for (const k of ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy']) errs.push(...immutable(`spec.${k}`, s[k], o[k]));
  return errs;
}

export const jobBehavior: KindBehavior = {
  strategy: {
    defaults(obj) {
      if (!isObject(obj.spec)) obj.spec = {};
      jobSpecDefaults(obj.spec);
      const templateLabels = obj.spec.template?.metadata?.labels;
      if (isObject(templateLabels) && !Object.keys(obj.metadata.labels ?? {}).length) obj.metadata.labels = templateLabels;
      templateDefaults(obj, obj.spec.template);
    },
    prepareForCreate(obj) {
      obj.spec.manualSelector ??= false;
      if (obj.spec.manualSelector !== true) generateSelector(obj);
      if (!Object.keys(obj.metadata.labels ?? {}).length && Object.keys(obj.spec.template?.metadata?.labels ?? {}).length) obj.metadata.labels = obj.spec.template.metadata.labels;
      obj.status = {};
    },
    prepareForUpdate(obj, old) {
      obj.spec.manualSelector ??= old.spec?.manualSelector;
      recountGeneration(obj, old);
    },
    validate: (obj) => validateJob(obj, true),
    validateUpdate: (obj, old) => validateJobUpdate(obj, old),
    warnings: (obj, old) => (old ? (obj.metadata.generation !== old.metadata.generation ? templateWarnings(obj.spec?.template) : []) : [...nameWarnings(obj), ...templateWarnings(obj.spec?.template)]),
  },
};
