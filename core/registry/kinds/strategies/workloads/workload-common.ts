import type { KubeObject } from '../../../../api/types.js';
import { nameProblems } from '../../../validation/names.js';
import { decoding, forbidden, invalid, isObject, nonNegative, notSupported, required, type Errors } from '../common/field.js';
import { percentProblems } from '../common/names.js';
import { selectorEmpty, selectorMatches, selectorUsable, validateLabelSelector } from '../common/selector.js';
import { podTemplateDefaults } from '../pod/pod-defaults.js';
import { podWarnings } from '../pod/pod-warnings.js';

// Pieces the apps and batch strategies share: template defaulting, selector checks, warnings.

type Obj = Record<string, any>;

/** Template defaults for `spec.template` (or any path to a PodTemplateSpec), as a 400 on bad quantities. */
export function templateDefaults(obj: KubeObject, template: Obj | undefined): void {
  decoding(obj, () => podTemplateDefaults(template));
}

/** The selector a controller must have: present, valid and not empty. */
export function requiredSelector(selector: unknown, f: string, kindWord: string): Errors {
  if (selector === undefined || selector === null) return [required(f)];
  const errs = validateLabelSelector(selector, f);
  if (selectorEmpty(selector)) errs.push(invalid(f, selector, `empty selector is invalid for ${kindWord}`));
  return errs;
}

/** Template labels must satisfy a non-empty selector. */
export function templateMatchesSelector(selector: unknown, template: Obj | undefined, f: string): Errors {
  if (!selectorUsable(selector) || selectorEmpty(selector)) return [];
  const labels = template?.metadata?.labels;
  return selectorMatches(selector, labels) ? [] : [invalid(`${f}.metadata.labels`, labels ?? {}, '`selector` does not match template `labels`')];
}

/** Controllers run their pods forever: only restartPolicy Always, and no deadline. */
export function alwaysRestart(template: Obj | undefined, f: string, kindName: string): Errors {
  const errs: Errors = [];
  const spec = template?.spec ?? {};
  if (spec.restartPolicy !== 'Always') errs.push(notSupported(`${f}.spec.restartPolicy`, spec.restartPolicy ?? '', ['Always']));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null)
    errs.push(forbidden(`${f}.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${kindName} is not Supported`));
  return errs;
}

export function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && !percentProblems(v).length) return Number(v.slice(0, -1));
  return 0;
}

export function positiveIntOrPercent(f: string, v: unknown): Errors {
  if (typeof v === 'string') return percentProblems(v).map((m) => invalid(f, v, m));
  if (typeof v === 'number') return nonNegative(f, v);
  if (v === undefined || v === null) return [];
  return [invalid(f, v, "must be an integer or percentage (e.g '5%')")];
}

export function notMoreThan100Percent(f: string, v: unknown): Errors {
  return typeof v === 'string' && !percentProblems(v).length && Number(v.slice(0, -1)) > 100 ? [invalid(f, v, 'must not be greater than 100%')] : [];
}

/** Upstream warns when a controller's name cannot double as a hostname for its pods. */
export function nameWarnings(obj: KubeObject): string[] {
  const name = obj.metadata.name ?? '';
  const problems = nameProblems(name, 'label');
  return problems.length ? [`metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [${problems.join(' ')}]`] : [];
}

export function templateWarnings(template: Obj | undefined, prefix = 'spec.template'): string[] {
  return isObject(template) ? podWarnings(template.metadata, template.spec, prefix) : [];
}

export { recountGeneration } from '../common/generation.js';
