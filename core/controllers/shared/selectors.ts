import { matchesLabels, selectorFromObject, type LabelSelector, type LabelSelectorObject } from '../../api/labels.js';

/** A workload's selector, or null when it is missing or unparsable (such an owner selects nothing). */
export function workloadSelector(sel: LabelSelectorObject | undefined | null): LabelSelector | null {
  try {
    return selectorFromObject(sel);
  } catch {
    return null;
  }
}

/** True when a metav1.LabelSelector is `{}`: it would select every pod, which workloads refuse. */
export function selectsEverything(sel: LabelSelectorObject | undefined | null): boolean {
  return !!sel && !Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length;
}

export function matches(sel: LabelSelector | null, labels: Record<string, string> | undefined): boolean {
  return sel !== null && sel.length > 0 && matchesLabels(sel, labels);
}
