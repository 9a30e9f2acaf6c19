import type { KindBehavior } from '../../behavior.js';
import { invalid, isObject, required, type Errors } from '../common/field.js';
import { dnsSubdomain, qualifiedName } from '../common/names.js';

// Events: core/v1 keeps the legacy rules; events.k8s.io/v1 wants the structured fields filled.

export const coreEventBehavior: KindBehavior = {
  strategy: {
    validate(obj) {
      const errs: Errors = [];
      const ns = obj.metadata.namespace ?? '';
      const involved = isObject(obj.involvedObject) ? obj.involvedObject : {};
      // Old clients post cluster-scoped objects' events to "default".
      if (!obj.eventTime) {
        if (!involved.namespace ? ns !== '' && ns !== 'default' : ns !== involved.namespace)
          errs.push(invalid('involvedObject.namespace', involved.namespace ?? '', 'does not match event.namespace'));
      } else if (!involved.namespace && ns !== 'default' && ns !== 'kube-system') {
        errs.push(invalid('involvedObject.namespace', involved.namespace ?? '', 'does not match event.namespace'));
      }
      if (ns) errs.push(...dnsSubdomain('namespace', ns));
      return errs;
    },
  },
};

const limits: Array<[string, string, number]> = [
  ['reportingInstance', 'reportingInstance', 128],
  ['action', 'action', 128],
  ['reason', 'reason', 128],
  ['note', 'note', 1024],
];

export const eventsV1Behavior: KindBehavior = {
  strategy: {
    validate(obj) {
      const errs: Errors = [];
      if (!obj.eventTime) errs.push(required('eventTime'));
      if (obj.type !== 'Normal' && obj.type !== 'Warning') errs.push(invalid('type', '', `has invalid value: ${obj.type ?? ''}`));
      if (!obj.reportingController) errs.push(required('reportingController'));
      else errs.push(...qualifiedName('reportingController', String(obj.reportingController)));
      if (!obj.reportingInstance) errs.push(required('reportingInstance'));
      if (!obj.action) errs.push(required('action'));
      if (!obj.reason) errs.push(required('reason'));
      for (const [field, path, max] of limits) if (typeof obj[field] === 'string' && obj[field].length > max) errs.push(invalid(path, '', `can have at most ${max} characters`));
      for (const legacy of ['deprecatedFirstTimestamp', 'deprecatedLastTimestamp', 'deprecatedCount', 'deprecatedSource'])
        if (obj[legacy] !== undefined && obj[legacy] !== null && !(legacy === 'deprecatedCount' && obj[legacy] === 0)) errs.push(invalid(legacy.replace('deprecated', '').replace(/^./, (c) => c.toLowerCase()), '', 'needs to be unset'));
      return errs;
    },
  },
};
