import type { KindBehavior } from '../../behavior.js';
import { DecodeProblem, decoding, duplicate, entriesOf, forbidden, invalid, isObject, listOf, notSupported, type Errors } from '../common/field.js';
import { qualifiedName } from '../common/names.js';
import { canonicalizeResourceList, compareQuantity, formatQuantity, isInteger, isNegative, QUANTITY_FORMAT_ERROR, tryParseQuantity, type Quantity } from '../common/quantity.js';

// LimitRange and ResourceQuota: both are lists of quantities with ordering rules between them.

type Obj = Record<string, any>;

function canonical(list: unknown): void {
  if (canonicalizeResourceList(list, true).length) throw new DecodeProblem(QUANTITY_FORMAT_ERROR);
}

/** SetDefaults_LimitRangeItem: container limits fall back to max, requests to the limit or min. */
export function limitRangeItemDefaults(item: Obj): void {
  for (const k of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) canonical(item[k]);
  if (item.type !== 'Container') return;
  item.default ??= {};
  item.defaultRequest ??= {};
  for (const [k, v] of entriesOf(item.max)) if (!(k in item.default)) item.default[k] = v;
  for (const [k, v] of entriesOf(item.default)) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
  for (const [k, v] of entriesOf(item.min)) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
}

function validateLimitRange(spec: Obj | undefined): Errors {
  const errs: Errors = [];
  const seen = new Set<string>();
  for (const [i, item] of listOf(spec?.limits).entries()) {
    const f = `spec.limits[${i}]`;
    const type = String(item.type ?? '');
    if (!type.includes('/') && !['Pod', 'Container', 'PersistentVolumeClaim'].includes(type)) errs.push(invalid(`${f}.type`, type, 'must be a standard limit type or fully qualified'));
    if (seen.has(type)) errs.push(duplicate(`${f}.type`, type));
    seen.add(type);
    if (type === 'Pod') for (const k of ['default', 'defaultRequest']) if (Object.keys(item[k] ?? {}).length) errs.push(forbidden(`${f}.${k}`, "may not be specified when `type` is 'Pod'"));
    const q = (k: string, r: string): Quantity | undefined => tryParseQuantity(item[k]?.[r]);
    const keys = new Set([...Object.keys(item.max ?? {}), ...Object.keys(item.min ?? {}), ...Object.keys(item.default ?? {}), ...Object.keys(item.defaultRequest ?? {})]);
    for (const r of keys) {
      const [min, max, def, req] = [q('min', r), q('max', r), q('default', r), q('defaultRequest', r)];
      const s = (x: Quantity) => formatQuantity(x);
      const gt = (a?: Quantity, b?: Quantity) => !!a && !!b && compareQuantity(a, b) > 0;
      if (gt(min, max)) errs.push(invalid(`${f}.min[${r}]`, s(min!), `min value ${s(min!)} is greater than max value ${s(max!)}`));
      if (gt(min, req)) errs.push(invalid(`${f}.defaultRequest[${r}]`, s(req!), `min value ${s(min!)} is greater than default request value ${s(req!)}`));
      if (gt(req, max)) errs.push(invalid(`${f}.defaultRequest[${r}]`, s(req!), `default request value ${s(req!)} is greater than max value ${s(max!)}`));
      if (gt(req, def)) errs.push(invalid(`${f}.defaultRequest[${r}]`, s(req!), `default request value ${s(req!)} is greater than default limit value ${s(def!)}`));
      if (gt(min, def)) errs.push(invalid(`${f}.default[${r}]`, s(min!), `min value ${s(min!)} is greater than default value ${s(def!)}`));
      if (gt(def, max)) errs.push(invalid(`${f}.default[${r}]`, s(max!), `default value ${s(def!)} is greater than max value ${s(max!)}`));
    }
  }
  return errs;
}

export const limitRangeBehavior: KindBehavior = {
  strategy: {
    defaults(obj) {
      decoding(obj, () => {
        for (const item of listOf(obj.spec?.limits)) if (isObject(item)) limitRangeItemDefaults(item);
      });
    },
    validate: (obj) => validateLimitRange(obj.spec),
  },
};

const STANDARD_QUOTA = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports',
  'services.loadbalancers', 'cpu', 'memory', 'ephemeral-storage', 'storage', 'requests.cpu', 'requests.memory', 'requests.storage',
  'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
]);
const INTEGER_QUOTA = new Set(['pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);
const SCOPES = ['BestEffort', 'CrossNamespacePodAffinity', 'NotBestEffort', 'NotTerminating', 'PriorityClass', 'Terminating', 'VolumeAttributesClass'];

function isQuotaName(name: string): boolean {
  return STANDARD_QUOTA.has(name) || name.includes('/') || name.startsWith('count/') || name.startsWith('requests.') || name.startsWith('limits.') || name.startsWith('hugepages-') || name.endsWith('.storageclass.storage.k8s.io/requests.storage');
}

export const resourceQuotaBehavior: KindBehavior = {
  strategy: {
    defaults(obj) {
      decoding(obj, () => canonical(obj.spec?.hard));
    },
    prepareForCreate(obj) {
      obj.status = {};
    },
    validate(obj) {
      const errs: Errors = [];
      for (const [name, raw] of entriesOf(obj.spec?.hard)) {
        const f = `spec.hard[${name}]`;
        if (name.includes('/')) errs.push(...qualifiedName(f, name));
        else if (!isQuotaName(name)) errs.push(invalid(f, name, 'must be a standard resource for quota'));
        const q = tryParseQuantity(raw);
        if (q && isNegative(q)) errs.push(invalid(f, formatQuantity(q), 'must be greater than or equal to 0'));
        if (q && (INTEGER_QUOTA.has(name) || name.startsWith('count/')) && !isInteger(q)) errs.push(invalid(f, formatQuantity(q), 'must be an integer'));
      }
      for (const [i, s] of listOf<string>(obj.spec?.scopes).entries()) if (!SCOPES.includes(s)) errs.push(notSupported(`spec.scopes[${i}]`, s, SCOPES));
      return errs;
    },
  },
};
