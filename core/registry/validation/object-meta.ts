import type { FieldError } from '../../api/errors.js';
import type { KubeObject, ObjectMeta } from '../../api/types.js';
import { labelValueProblems, nameProblems, qualifiedNameProblems, type NameRule } from './names.js';

const TOTAL_ANNOTATION_BYTES = 256 * 1024;

/** The checks every object's metadata gets, whatever its kind. */
export function validateObjectMeta(meta: ObjectMeta, opts: { namespaced: boolean; nameRule: NameRule }): FieldError[] {
  const errs: FieldError[] = [];
  if (!meta.name && !meta.generateName) errs.push({ type: 'FieldValueRequired', field: 'metadata.name', detail: 'name or generateName is required' });
  if (meta.name) for (const p of nameProblems(meta.name, opts.nameRule)) errs.push({ type: 'FieldValueInvalid', field: 'metadata.name', value: meta.name, detail: p });
  if (meta.generateName && !meta.name) {
    for (const p of nameProblems(meta.generateName.replace(/-$/, '') + (meta.generateName.endsWith('-') ? 'x' : ''), opts.nameRule).filter((p) => !p.startsWith('must be no more')))
      errs.push({ type: 'FieldValueInvalid', field: 'metadata.generateName', value: meta.generateName, detail: p });
  }
  if (opts.namespaced) {
    if (!meta.namespace) errs.push({ type: 'FieldValueRequired', field: 'metadata.namespace', detail: '' });
    else for (const p of nameProblems(meta.namespace, 'label')) errs.push({ type: 'FieldValueInvalid', field: 'metadata.namespace', value: meta.namespace, detail: p });
  } else if (meta.namespace) {
    errs.push({ type: 'FieldValueForbidden', field: 'metadata.namespace', detail: 'not allowed on this type' });
  }
  errs.push(...validateLabels(meta.labels, 'metadata.labels'));
  let total = 0;
  for (const [k, v] of Object.entries(meta.annotations ?? {})) {
    for (const p of qualifiedNameProblems(k.toLowerCase())) errs.push({ type: 'FieldValueInvalid', field: 'metadata.annotations', value: k, detail: p });
    if (typeof v !== 'string') errs.push({ type: 'FieldValueTypeInvalid', field: `metadata.annotations.${k}`, value: v, detail: 'must be a string' });
    total += k.length + String(v).length;
  }
  if (total > TOTAL_ANNOTATION_BYTES)
    errs.push({ type: 'FieldValueTooLong', field: 'metadata.annotations', detail: `may not be more than ${TOTAL_ANNOTATION_BYTES} bytes` });
  const seen = new Set<string>();
  for (const [i, f] of (meta.finalizers ?? []).entries()) {
    if (!f.includes('/') && !['kubernetes', 'orphan', 'foregroundDeletion'].includes(f))
      errs.push({ type: 'FieldValueInvalid', field: `metadata.finalizers[${i}]`, value: f, detail: 'name is neither a standard finalizer name nor is it fully qualified' });
    else for (const p of qualifiedNameProblems(f)) errs.push({ type: 'FieldValueInvalid', field: `metadata.finalizers[${i}]`, value: f, detail: p });
    seen.add(f);
  }
  if (seen.has('orphan') && seen.has('foregroundDeletion'))
    errs.push({ type: 'FieldValueInvalid', field: 'metadata.finalizers', value: meta.finalizers, detail: 'finalizer orphan and foregroundDeletion cannot be both set' });
  for (const [i, ref] of (meta.ownerReferences ?? []).entries()) {
    const f = `metadata.ownerReferences[${i}]`;
    if (!ref.apiVersion) errs.push({ type: 'FieldValueInvalid', field: `${f}.apiVersion`, value: ref.apiVersion ?? '', detail: 'version must not be empty' });
    if (!ref.kind) errs.push({ type: 'FieldValueInvalid', field: `${f}.kind`, value: ref.kind ?? '', detail: 'kind must not be empty' });
    if (!ref.name) errs.push({ type: 'FieldValueInvalid', field: `${f}.name`, value: ref.name ?? '', detail: 'name must not be empty' });
    if (!ref.uid) errs.push({ type: 'FieldValueInvalid', field: `${f}.uid`, value: ref.uid ?? '', detail: 'uid must not be empty' });
  }
  if ((meta.ownerReferences ?? []).filter((r) => r.controller).length > 1)
    errs.push({ type: 'FieldValueInvalid', field: 'metadata.ownerReferences', value: meta.ownerReferences, detail: 'Only one reference can have Controller set to true' });
  return errs;
}

export function validateLabels(labels: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const p of qualifiedNameProblems(k)) errs.push({ type: 'FieldValueInvalid', field, value: k, detail: p });
    if (typeof v !== 'string') errs.push({ type: 'FieldValueTypeInvalid', field: `${field}.${k}`, value: v, detail: 'must be a string' });
    else for (const p of labelValueProblems(v)) errs.push({ type: 'FieldValueInvalid', field, value: v, detail: p });
  }
  return errs;
}

/** Fields of metadata that no update may change. */
export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.name !== old.name) errs.push({ type: 'FieldValueInvalid', field: 'metadata.name', value: meta.name, detail: 'field is immutable' });
  if ((meta.namespace ?? '') !== (old.namespace ?? '')) errs.push({ type: 'FieldValueInvalid', field: 'metadata.namespace', value: meta.namespace, detail: 'field is immutable' });
  if (meta.uid !== old.uid) errs.push({ type: 'FieldValueInvalid', field: 'metadata.uid', value: meta.uid, detail: 'field is immutable' });
  if (meta.creationTimestamp !== old.creationTimestamp)
    errs.push({ type: 'FieldValueInvalid', field: 'metadata.creationTimestamp', value: meta.creationTimestamp, detail: 'field is immutable' });
  if (old.deletionTimestamp) {
    const added = (meta.finalizers ?? []).filter((f) => !(old.finalizers ?? []).includes(f));
    if (added.length) errs.push({ type: 'FieldValueForbidden', field: 'metadata.finalizers', detail: `no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}` });
  }
  return errs;
}

export function nameOf(obj: KubeObject): string {
  return obj.metadata?.name ?? obj.metadata?.generateName ?? '';
}
