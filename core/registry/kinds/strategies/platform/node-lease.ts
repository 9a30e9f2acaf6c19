import type { KindBehavior } from '../../behavior.js';
import { duplicate, forbidden, invalid, isObject, listOf, nonNegative, notSupported, required, type Errors } from '../common/field.js';
import { validCIDR } from '../common/ip.js';
import { qualifiedName } from '../common/names.js';
import { labelValueProblems } from '../../../validation/names.js';

// Nodes (taints and pod CIDRs users and kubelets write) and coordination Leases.

const EFFECTS = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];

export const nodeBehavior: KindBehavior = {
  strategy: {
    validate(obj) {
      const s = obj.spec ?? {};
      const errs: Errors = [];
      const seen = new Set<string>();
      for (const [i, t] of listOf(s.taints).entries()) {
        const f = `spec.taints[${i}]`;
        errs.push(...qualifiedName(`${f}.key`, String(t.key ?? '')));
        if (t.value) for (const m of labelValueProblems(String(t.value))) errs.push(invalid(`${f}.value`, t.value, m));
        if (!t.effect) errs.push(required(`${f}.effect`));
        else if (!EFFECTS.includes(t.effect)) errs.push(notSupported(`${f}.effect`, t.effect, EFFECTS));
        const key = `${t.key}:${t.effect}`;
        if (seen.has(key)) errs.push(duplicate(f, t));
        seen.add(key);
      }
      if (s.podCIDR) errs.push(...validCIDR('spec.podCIDR', String(s.podCIDR)));
      for (const [i, c] of listOf<string>(s.podCIDRs).entries()) errs.push(...validCIDR(`spec.podCIDRs[${i}]`, String(c)));
      return errs;
    },
    validateUpdate(obj, old) {
      const errs: Errors = [];
      const was = listOf<string>(old.spec?.podCIDRs);
      if (was.length && JSON.stringify(was) !== JSON.stringify(listOf(obj.spec?.podCIDRs)))
        errs.push(forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
      if (old.spec?.providerID && obj.spec?.providerID !== old.spec.providerID)
        errs.push(forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
      return errs;
    },
  },
};

export const leaseBehavior: KindBehavior = {
  strategy: {
    validate(obj) {
      const s = isObject(obj.spec) ? obj.spec : {};
      const errs: Errors = [];
      if (typeof s.leaseDurationSeconds === 'number' && s.leaseDurationSeconds <= 0) errs.push(invalid('spec.leaseDurationSeconds', s.leaseDurationSeconds, 'must be greater than 0'));
      errs.push(...nonNegative('spec.leaseTransitions', s.leaseTransitions));
      return errs;
    },
  },
};
