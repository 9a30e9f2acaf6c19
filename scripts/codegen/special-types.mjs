// apimachinery types whose JSON form is not their proto struct: each has a
// custom Go (un)marshaller. The schemas follow the upstream OpenAPI v3 shape;
// the runtime decoder switches on `special` for the matching proto message.

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** proto message → { special tag for the decoder, canonical definition name, schema } */
export const SPECIAL_MESSAGES = {
  'k8s.io.apimachinery.pkg.apis.meta.v1.Time': {
    special: 'time',
    definition: `${META}.Time`,
    schema: {
      description: 'Time is a timestamp serialised as an RFC 3339 string with second precision.',
      type: 'string',
      format: 'date-time',
    },
  },
  'k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime': {
    special: 'microTime',
    definition: `${META}.MicroTime`,
    schema: {
      description: 'MicroTime is a timestamp serialised as an RFC 3339 string with microsecond precision.',
      type: 'string',
      format: 'date-time',
    },
  },
  'k8s.io.apimachinery.pkg.apis.meta.v1.Duration': {
    special: 'duration',
    definition: `${META}.Duration`,
    schema: { description: 'Duration is a Go duration string such as "1h30m" or "5s".', type: 'string' },
  },
  // Upstream v3 states both forms with oneOf plus the format; the extension
  // is what structural schemas use, so our validator and CRDs read one marker.
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': {
    special: 'intOrString',
    definition: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
    schema: {
      description: 'IntOrString holds either an int32 or a string; JSON carries whichever one is set.',
      format: 'int-or-string',
      oneOf: [{ type: 'integer' }, { type: 'string' }],
      'x-kubernetes-int-or-string': true,
    },
  },
  'k8s.io.apimachinery.pkg.api.resource.Quantity': {
    special: 'quantity',
    definition: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
    schema: {
      description:
        'Quantity is a fixed-point number with an optional SI or binary suffix, such as "100m", "1.5Gi" or 2. Serialised as a string in canonical form.',
      format: 'quantity',
      oneOf: [{ type: 'string' }, { type: 'number' }],
    },
  },
  'k8s.io.apimachinery.pkg.runtime.RawExtension': {
    special: 'rawExtension',
    definition: 'io.k8s.apimachinery.pkg.runtime.RawExtension',
    schema: {
      description: 'RawExtension holds an embedded object whose schema is not known to this type.',
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
    },
  },
  'k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1': {
    special: 'fieldsV1',
    definition: `${META}.FieldsV1`,
    schema: {
      description: 'FieldsV1 is the JSON set of fields a manager owns, as used in managedFields.',
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
    },
  },
};

const APIEXT = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';

/** Value types of the JSON-schema type that client-node flattens to `any`. */
export const APIEXTENSIONS_SPECIAL_DEFINITIONS = {
  [`${APIEXT}.JSON`]: {
    description: 'JSON holds any JSON value: a boolean, number, string, array, object or null.',
    'x-kubernetes-preserve-unknown-fields': true,
  },
  [`${APIEXT}.JSONSchemaPropsOrArray`]: {
    description: 'JSONSchemaPropsOrArray holds one JSONSchemaProps or an array of them.',
    'x-kubernetes-preserve-unknown-fields': true,
  },
  [`${APIEXT}.JSONSchemaPropsOrBool`]: {
    description: 'JSONSchemaPropsOrBool holds a JSONSchemaProps or a boolean; true means any value is allowed.',
    'x-kubernetes-preserve-unknown-fields': true,
  },
  [`${APIEXT}.JSONSchemaPropsOrStringArray`]: {
    description: 'JSONSchemaPropsOrStringArray holds a JSONSchemaProps or a list of property names.',
    'x-kubernetes-preserve-unknown-fields': true,
  },
  [`${APIEXT}.CustomResourceSubresourceStatus`]: {
    description:
      'CustomResourceSubresourceStatus enables the status subresource; it has no fields, so `{}` is its only value.',
    type: 'object',
  },
};

/**
 * Where client-node typed a property as `any`, the definition it stands for
 * (keyed by client-node class, then JSON property name). `item` means the
 * property is a list or map of that type.
 */
export const MODEL_ANY_OVERRIDES = {
  V1JSONSchemaProps: {
    additionalItems: { ref: `${APIEXT}.JSONSchemaPropsOrBool` },
    additionalProperties: { ref: `${APIEXT}.JSONSchemaPropsOrBool` },
    default: { ref: `${APIEXT}.JSON` },
    dependencies: { mapOf: `${APIEXT}.JSONSchemaPropsOrStringArray` },
    enum: { arrayOf: `${APIEXT}.JSON` },
    example: { ref: `${APIEXT}.JSON` },
    items: { ref: `${APIEXT}.JSONSchemaPropsOrArray` },
  },
  V1CustomResourceSubresources: {
    status: { ref: `${APIEXT}.CustomResourceSubresourceStatus` },
  },
};

/** Definitions no Go type backs but operations refer to (the PATCH body). */
export const EXTRA_DEFINITIONS = {
  [`${META}.Patch`]: {
    description: 'Patch names the body of a PATCH request; its shape depends on the patch content type.',
    type: 'object',
  },
};
