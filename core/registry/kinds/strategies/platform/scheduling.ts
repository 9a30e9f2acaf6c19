import { forbidden as forbiddenStatus } from '../../../../api/errors.js';
import type { KindBehavior } from '../../behavior.js';
import { forbidden, immutable, notSupported, type Errors } from '../common/field.js';
import type { ObjectLookup } from '../lookup.js';

// PriorityClass: user classes stay below the system range, and only one may be the default.

const SYSTEM_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };
const HIGHEST_USER_PRIORITY = 1000000000;
const POLICIES = ['Never', 'PreemptLowerPriority'];

function systemClassProblem(name: string, value: unknown, globalDefault: unknown): string | undefined {
  if (!(name in SYSTEM_CLASSES)) return `${name} is not a known system priority class`;
  if (value !== SYSTEM_CLASSES[name]) return `value of ${name} PriorityClass must be ${SYSTEM_CLASSES[name]}`;
  if (globalDefault === true) return `globalDefault of ${name} PriorityClass must be false`;
  return undefined;
}

export function createPriorityClassBehavior(lookup?: ObjectLookup): KindBehavior {
  return {
    strategy: {
      defaults(obj) {
        obj.preemptionPolicy ||= 'PreemptLowerPriority';
      },
      validate(obj) {
        const errs: Errors = [];
        const name = obj.metadata.name ?? '';
        if (name.startsWith('system-')) {
          const why = systemClassProblem(name, obj.value, obj.globalDefault);
          if (why) errs.push(forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${why}`));
        } else if (typeof obj.value === 'number' && obj.value > HIGHEST_USER_PRIORITY) {
          errs.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`));
        }
        if (obj.preemptionPolicy !== undefined && !POLICIES.includes(obj.preemptionPolicy)) errs.push(notSupported('preemptionPolicy', obj.preemptionPolicy, POLICIES));
        return errs;
      },
      validateUpdate(obj, old) {
        const errs: Errors = [];
        if (obj.value !== old.value) errs.push(forbidden('value', 'may not be changed in an update.'));
        errs.push(...immutable('preemptionPolicy', obj.preemptionPolicy, old.preemptionPolicy));
        return errs;
      },
      admit(obj) {
        if (obj.globalDefault !== true || !lookup) return;
        const other = lookup.list('scheduling.k8s.io', 'PriorityClass').find((pc) => pc.globalDefault === true && pc.metadata.name !== obj.metadata.name);
        if (other)
          throw forbiddenStatus(`priorityclasses.scheduling.k8s.io "${obj.metadata.name}" is forbidden: PriorityClass ${other.metadata.name} is already marked as default. Only one default can exist`, {
            name: obj.metadata.name,
            group: 'scheduling.k8s.io',
            kind: 'priorityclasses',
          });
      },
    },
  };
}
