import type { KindBehavior } from '../behavior.js';

/**
 * Namespaces carry their own finalizer list in spec. Deleting one marks it Terminating and
 * leaves it to the namespace controller, which empties it and then clears spec.finalizers.
 */
export const namespaceBehavior: KindBehavior = {
  subresources: { status: true, extra: ['finalize'], fieldPaths: { finalize: 'spec.finalizers' } },
  strategy: {
    defaults(obj) {
      obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
      obj.spec ??= {};
      obj.spec.finalizers ??= ['kubernetes'];
      obj.status ??= {};
      obj.status.phase ??= 'Active';
    },
    prepareForCreate(obj) {
      obj.status = { phase: 'Active' };
      obj.spec = { ...obj.spec, finalizers: ['kubernetes'] };
    },
    prepareForUpdate(obj, old) {
      // spec.finalizers changes only through the finalize subresource.
      obj.spec = { ...obj.spec, finalizers: old.spec?.finalizers ?? [] };
      if (!obj.spec.finalizers.length) delete obj.spec.finalizers;
    },
    validate(obj) {
      const label = obj.metadata.labels?.['kubernetes.io/metadata.name'];
      return label !== undefined && label !== obj.metadata.name
        ? [{ type: 'FieldValueInvalid', field: "metadata.labels[kubernetes.io/metadata.name]", value: label, detail: `must be ${obj.metadata.name}` }]
        : [];
    },
  },
  beforeDelete(draft) {
    draft.status = { ...draft.status, phase: 'Terminating' };
    return (draft.spec?.finalizers ?? []).length > 0;
  },
  pendingFinalizers: (obj) => (obj.spec?.finalizers ?? []).length > 0,
  fieldSelectors: { 'status.phase': (o) => o.status?.phase },
};
