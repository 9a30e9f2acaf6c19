import { forbidden, invalid, isObject, listOf, semanticEqual, type Errors } from '../common/field.js';
import { unifiedDiff } from '../common/line-diff.js';

// ValidatePodUpdate: a pod's spec is fixed once created, apart from a short list of fields.

type Obj = Record<string, any>;

const UPDATABLE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

export function validatePodSpecUpdate(spec: Obj, old: Obj): Errors {
  const errs: Errors = [...activeDeadline(spec, old), ...tolerationsUpdate(listOf(spec.tolerations), listOf(old.tolerations))];
  const munged: Obj = structuredClone(spec);
  for (const key of ['containers', 'initContainers'] as const) {
    const olds = listOf(old[key]);
    for (const [i, c] of listOf(munged[key]).entries()) if (isObject(c) && isObject(olds[i])) c.image = olds[i].image;
  }
  munged.activeDeadlineSeconds = old.activeDeadlineSeconds;
  munged.tolerations = old.tolerations;
  if ((old.terminationGracePeriodSeconds ?? 0) < 0 && spec.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = old.terminationGracePeriodSeconds;
  // Scheduling gates may only be removed.
  const oldGates = listOf(old.schedulingGates).map((g) => g?.name);
  const added = listOf(spec.schedulingGates).find((g) => !oldGates.includes(g?.name));
  if (added) errs.push(forbidden('spec.schedulingGates', `only deletion is allowed, but found new scheduling gate '${added.name}'`));
  else munged.schedulingGates = old.schedulingGates;
  if (!semanticEqual(munged, old)) errs.push(forbidden('spec', `${UPDATABLE}\n${unifiedDiff(old, munged)}`));
  return errs;
}

function activeDeadline(spec: Obj, old: Obj): Errors {
  const now = spec.activeDeadlineSeconds;
  const was = old.activeDeadlineSeconds;
  if (now !== undefined && now !== null) {
    if (now < 0 || now > 2147483647) return [invalid('spec.activeDeadlineSeconds', now, 'must be between 0 and 2147483647, inclusive')];
    if (typeof was === 'number' && was < now) return [invalid('spec.activeDeadlineSeconds', now, 'must be less than or equal to previous value')];
  } else if (was !== undefined && was !== null) {
    return [invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value')];
  }
  return [];
}

/** Every old toleration must survive, though its tolerationSeconds may change. */
function tolerationsUpdate(now: Obj[], old: Obj[]): Errors {
  for (const o of old) {
    const kept = now.some((n) => semanticEqual({ ...o, tolerationSeconds: n.tolerationSeconds }, n));
    if (!kept) return [forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return [];
}
