import type { KubeObject } from '../../../../api/types.js';
import type { KindBehavior } from '../../behavior.js';
import { nameProblems } from '../../../validation/names.js';
import { immutable, invalid, isObject, listOf, notSupported, required, type Errors } from '../common/field.js';
import { dnsSubdomain } from '../common/names.js';
import { recountGeneration } from '../common/generation.js';

// CustomResourceDefinition (apiextensions.k8s.io/v1): names, versions and the status the API
// server owns. Serving and the Established condition are the CRD controller's business.

type Obj = Record<string, any>;

export function crdDefaults(spec: Obj): void {
  const names = (spec.names ??= {});
  if (!names.singular && names.kind) names.singular = String(names.kind).toLowerCase();
  if (!names.listKind && names.kind) names.listKind = `${names.kind}List`;
  spec.conversion ??= { strategy: 'None' };
  const svc = spec.conversion?.webhook?.clientConfig?.service;
  if (isObject(svc)) svc.port ??= 443;
}

const storageVersion = (spec: Obj | undefined) => listOf(spec?.versions).find((v) => v?.storage === true)?.name as string | undefined;

function dns1035Problems(value: string): string {
  return nameProblems(value, 'dns1035').join(',');
}

function validateNames(names: Obj, f: string): Errors {
  const errs: Errors = [];
  for (const k of ['plural', 'singular', 'kind', 'listKind']) if (!names[k]) errs.push(required(`${f}.${k}`));
  for (const k of ['plural', 'singular']) {
    const why = names[k] ? dns1035Problems(String(names[k])) : '';
    if (why) errs.push(invalid(`${f}.${k}`, names[k], why));
  }
  for (const k of ['kind', 'listKind']) {
    const why = names[k] ? dns1035Problems(String(names[k]).toLowerCase()) : '';
    if (why) errs.push(invalid(`${f}.${k}`, names[k], `may have mixed case, but should otherwise match: ${why}`));
  }
  for (const [i, s] of listOf<string>(names.shortNames).entries()) {
    const why = dns1035Problems(String(s));
    if (why) errs.push(invalid(`${f}.shortNames[${i}]`, s, why));
  }
  if (names.kind && names.kind === names.listKind) errs.push(invalid(`${f}.listKind`, names.listKind, 'kind and listKind may not be the same'));
  return errs;
}

export function validateCrd(crd: KubeObject): Errors {
  const s = crd.spec ?? {};
  const names = isObject(s.names) ? s.names : {};
  const errs: Errors = [];
  if (crd.metadata.name !== `${names.plural}.${s.group}`) errs.push(invalid('metadata.name', crd.metadata.name, 'must be spec.names.plural+"."+spec.group'));
  if (!s.group) errs.push(required('spec.group'));
  else {
    const bad = dnsSubdomain('spec.group', String(s.group));
    if (bad.length) errs.push(invalid('spec.group', s.group, bad.map((e) => e.detail).join(',')));
    else if (!String(s.group).includes('.')) errs.push(invalid('spec.group', s.group, 'should be a domain with at least one dot'));
  }
  if (!s.scope) errs.push(required('spec.scope'));
  else if (!['Cluster', 'Namespaced'].includes(s.scope)) errs.push(notSupported('spec.scope', s.scope, ['Cluster', 'Namespaced']));
  errs.push(...validateNames(names, 'spec.names'));
  const versions = listOf(s.versions);
  const seen = new Set<string>();
  let duplicates = false;
  for (const [i, v] of versions.entries()) {
    const f = `spec.versions[${i}]`;
    const why = dns1035Problems(String(v.name ?? ''));
    if (why) errs.push(invalid(`${f}.name`, v.name ?? '', why));
    if (seen.has(v.name)) duplicates = true;
    seen.add(v.name);
    const schema = v.schema?.openAPIV3Schema;
    if (!isObject(schema)) errs.push(required(`${f}.schema.openAPIV3Schema`, 'schemas are required'));
    else if (!schema.type) errs.push(required(`${f}.schema.openAPIV3Schema.type`, 'must not be empty at the root'));
    else if (schema.type !== 'object') errs.push(invalid(`${f}.schema.openAPIV3Schema.type`, schema.type, 'must be object at the root'));
  }
  if (duplicates) errs.push(invalid('spec.versions', versions, 'must contain unique version names'));
  if (versions.filter((v) => v?.storage === true).length !== 1) errs.push(invalid('spec.versions', versions, 'must have exactly one version marked as storage version'));
  const conversion = isObject(s.conversion) ? s.conversion : {};
  if (!['None', 'Webhook'].includes(conversion.strategy)) errs.push(notSupported('spec.conversion.strategy', conversion.strategy ?? '', ['None', 'Webhook']));
  else if (conversion.strategy === 'Webhook' && !isObject(conversion.webhook)) errs.push(required('spec.conversion.webhook', 'required when strategy is set to Webhook'));
  return errs;
}

export const crdBehavior: KindBehavior = {
  strategy: {
    defaults(obj) {
      if (!isObject(obj.spec)) obj.spec = {};
      crdDefaults(obj.spec);
    },
    prepareForCreate(obj) {
      const stored = storageVersion(obj.spec);
      obj.status = { acceptedNames: { plural: '', kind: '' }, ...(stored ? { storedVersions: [stored] } : {}) };
    },
    prepareForUpdate(obj, old) {
      recountGeneration(obj, old);
      const stored = storageVersion(obj.spec);
      const versions = listOf<string>(obj.status?.storedVersions);
      if (stored && !versions.includes(stored)) obj.status = { ...obj.status, storedVersions: [...versions, stored] };
    },
    validate: (obj) => validateCrd(obj),
    validateUpdate(obj, old) {
      const errs = immutable('spec.scope', obj.spec?.scope, old.spec?.scope);
      const served = new Set(listOf(obj.spec?.versions).map((v) => v?.name));
      for (const [i, v] of listOf<string>(obj.status?.storedVersions).entries()) if (!served.has(v)) errs.push(invalid(`status.storedVersions[${i}]`, v, 'must appear in spec.versions'));
      return errs;
    },
  },
};
