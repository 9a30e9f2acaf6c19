import { matchesLabels, selectorFromObject, type LabelSelectorObject } from '../../../../api/labels.js';
import { labelValueProblems } from '../../../validation/names.js';
import { validateLabels } from '../../../validation/object-meta.js';
import { forbidden, invalid, isObject, listOf, required, type Errors } from './field.js';
import { qualifiedName } from './names.js';

/** metav1 ValidateLabelSelector: label syntax and operator/values consistency. */
export function validateLabelSelector(sel: unknown, field: string): Errors {
  if (!isObject(sel)) return [];
  const errs: Errors = [...validateLabels(sel.matchLabels as Record<string, string> | undefined, `${field}.matchLabels`)];
  for (const [i, expr] of listOf(sel.matchExpressions).entries()) {
    const f = `${field}.matchExpressions[${i}]`;
    const values = listOf<string>(expr.values);
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (!values.length) errs.push(required(`${f}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length) errs.push(forbidden(`${f}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(`${f}.operator`, expr.operator, 'not a valid selector operator'));
    }
    errs.push(...qualifiedName(`${f}.key`, String(expr.key ?? '')));
    for (const [j, v] of values.entries()) for (const p of labelValueProblems(String(v))) errs.push(invalid(`${f}.values[${j}]`, v, p));
  }
  return errs;
}

/** Whether a selector parses the way LabelSelectorAsSelector accepts it. */
export function selectorUsable(sel: unknown): boolean {
  if (!isObject(sel)) return true;
  return listOf(sel.matchExpressions).every((e) =>
    ['In', 'NotIn'].includes(e.operator) ? listOf(e.values).length > 0 : ['Exists', 'DoesNotExist'].includes(e.operator),
  );
}

export function selectorEmpty(sel: unknown): boolean {
  return !isObject(sel) || (Object.keys(sel.matchLabels ?? {}).length === 0 && listOf(sel.matchExpressions).length === 0);
}

export function selectorMatches(sel: unknown, labels: Record<string, string> | undefined): boolean {
  const parsed = selectorFromObject(sel as LabelSelectorObject);
  return parsed !== null && matchesLabels(parsed, labels);
}
