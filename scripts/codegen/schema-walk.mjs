// Builds OpenAPI v3 component schemas by walking every served kind through
// two sources at once: the proto descriptors (field types, pointer-ness,
// embedded structs, well-known types) and the client-node models (JSON names,
// descriptions, required). Neither is enough alone: client-node types a
// Quantity as a plain string and drops every ref's description, while the
// descriptors carry no texts and no required lists.
import { SPECIAL_MESSAGES, APIEXTENSIONS_SPECIAL_DEFINITIONS, MODEL_ANY_OVERRIDES } from './special-types.mjs';

const REF_PREFIX = '#/components/schemas/';
const TIME_PROTO = 'k8s.io.apimachinery.pkg.apis.meta.v1.Time';
const INT_OR_STRING_PROTO = 'k8s.io.apimachinery.pkg.util.intstr.IntOrString';

export const canonicalNameOfProto = (protoName) => protoName.replace(/^k8s\.io\./, 'io.k8s.');
const shortName = (fullName) => fullName.slice(fullName.lastIndexOf('.') + 1);
const ref = (def) => ({ $ref: `${REF_PREFIX}${def}` });

function parseModelType(type) {
  let m = /^Array<(.+)>$/.exec(type);
  if (m) return { array: parseModelType(m[1]) };
  m = /^\{\[key:string\]:(.+);\}$/.exec(type);
  if (m) return { map: parseModelType(m[1]) };
  return { name: type };
}

function scalarSchema(kind) {
  switch (kind) {
    case 'string': return { type: 'string' };
    case 'bytes': return { type: 'string', format: 'byte' };
    case 'bool': return { type: 'boolean' };
    case 'int32': case 'sint32': case 'sfixed32': case 'uint32': case 'fixed32': case 'enum':
      return { type: 'integer', format: 'int32' };
    case 'int64': case 'sint64': case 'sfixed64': case 'uint64': case 'fixed64':
      return { type: 'integer', format: 'int64' };
    case 'double': return { type: 'number', format: 'double' };
    case 'float': return { type: 'number', format: 'float' };
    default: throw new Error(`no schema for proto kind ${kind}`);
  }
}

/**
 * @param {{ protoMessages: Map<string, any>, models: Map<string, any> }} sources
 */
export function createSchemaWalker({ protoMessages, models }) {
  /** @type {Map<string, any>} */
  const definitions = new Map();
  const classToDef = new Map();
  const defToClass = new Map();
  const warnings = [];
  // Decisions the proto table needs, keyed "<message>#<field>".
  const inlineFields = new Set();
  const keepZeroFields = new Set();
  // Proto field names equal JSON names except for a few historical spellings
  // (`Webhooks`, `uID`, `aPIGroup`); those map to the model's JSON name.
  const jsonNameOverrides = new Map();
  const sliceAliases = new Set();
  const walkedMessages = new Set();

  const warn = (msg) => warnings.push(msg);

  function ensureSpecial(protoName) {
    const special = SPECIAL_MESSAGES[protoName];
    if (!definitions.has(special.definition)) definitions.set(special.definition, { ...special.schema });
    return special.definition;
  }

  function ensureApiextensionsSpecial(def) {
    if (!definitions.has(def)) definitions.set(def, { ...APIEXTENSIONS_SPECIAL_DEFINITIONS[def] });
    return def;
  }

  function isInlineCandidate(field) {
    return (
      field.type === 'message' &&
      field.label !== 3 &&
      !SPECIAL_MESSAGES[field.typeName] &&
      field.options.customname === shortName(field.typeName)
    );
  }

  // Go embeds a struct (json ",inline") by naming the field after its type; the
  // proto keeps it as a nested message. What tells an embedded-and-flattened
  // field from an embedded-but-named one (ObjectMeta as "metadata") is whether
  // the parent's JSON has a property of that name.
  function flattenFields(message, model, out) {
    for (const field of message.fields) {
      if (isInlineCandidate(field) && !model.byJsonName.has(field.name)) {
        inlineFields.add(`${message.fullName}#${field.name}`);
        const embedded = protoMessages.get(field.typeName);
        if (!embedded) throw new Error(`${message.fullName}.${field.name}: unknown message ${field.typeName}`);
        walkedMessages.add(embedded.fullName);
        flattenFields(embedded, model, out);
      } else {
        out.push({ field, owner: message.fullName });
      }
    }
    return out;
  }

  function describe(schema, description) {
    if (!description) return schema;
    if (schema.$ref) return { allOf: [{ $ref: schema.$ref }], description };
    return { description, ...schema };
  }

  function refDescription(schema) {
    const target = schema.$ref ?? schema.allOf?.[0]?.$ref;
    if (!target) return undefined;
    return definitions.get(target.slice(REF_PREFIX.length))?.description;
  }

  function protoValueSchema(field, modelType, nonPointer, where) {
    if (field.type !== 'message') return scalarSchema(field.type);
    if (SPECIAL_MESSAGES[field.typeName]) return ref(ensureSpecial(field.typeName));
    const target = protoMessages.get(field.typeName);
    if (!target) throw new Error(`${where}: unknown message ${field.typeName}`);
    // A Go named slice ([]string) travels as a message wrapping `repeated items`.
    if (modelType?.array && target.fields.length === 1 && target.fields[0].label === 3) {
      sliceAliases.add(target.fullName);
      walkedMessages.add(target.fullName);
      return { type: 'array', items: scalarSchema(target.fields[0].type) };
    }
    const className = modelType?.name;
    if (!className || !models.has(className)) {
      throw new Error(`${where}: no client-node model for ${field.typeName} (model type ${JSON.stringify(modelType)})`);
    }
    const def = walkProto(field.typeName, className);
    return nonPointer ? { allOf: [ref(def)], default: {} } : ref(def);
  }

  function protoProperty(field, attr, where) {
    const modelType = parseModelType(attr.type);
    if (field.label === 3) {
      const entry = protoMessages.get(field.typeName);
      if (entry?.mapEntry) {
        walkedMessages.add(entry.fullName);
        const valueField = entry.fields.find((f) => f.number === 2);
        const value = protoValueSchema(valueField, modelType.map, valueField.options.nullable === false, where);
        return { type: 'object', additionalProperties: value };
      }
      const items = protoValueSchema(field, modelType.array, field.options.nullable === false, where);
      return { type: 'array', items };
    }
    return protoValueSchema(field, modelType, field.options.nullable === false, where);
  }

  function modelValueSchema(modelType, format, prefix, where) {
    if (modelType.array) return { type: 'array', items: modelValueSchema(modelType.array, format, prefix, where) };
    if (modelType.map) return { type: 'object', additionalProperties: modelValueSchema(modelType.map, format, prefix, where) };
    switch (modelType.name) {
      case 'string': return format === 'byte' ? { type: 'string', format: 'byte' } : { type: 'string' };
      case 'boolean': return { type: 'boolean' };
      case 'number':
        if (format === 'int32' || format === 'int64') return { type: 'integer', format };
        return { type: 'number', format: format || 'double' };
      case 'Date': return ref(ensureSpecial(TIME_PROTO));
      case 'IntOrString': return ref(ensureSpecial(INT_OR_STRING_PROTO));
      case 'any':
        warn(`${where}: typed any with no override; preserving unknown fields`);
        return { 'x-kubernetes-preserve-unknown-fields': true };
      default:
        if (!models.has(modelType.name)) throw new Error(`${where}: unknown model type ${modelType.name}`);
        return ref(walkModel(modelType.name, prefix));
    }
  }

  function modelProperty(model, attr, prefix) {
    const where = `${model.className}.${attr.jsonName}`;
    const override = MODEL_ANY_OVERRIDES[model.className]?.[attr.jsonName];
    if (override?.ref) return ref(ensureApiextensionsSpecial(override.ref));
    if (override?.arrayOf) return { type: 'array', items: ref(ensureApiextensionsSpecial(override.arrayOf)) };
    if (override?.mapOf) return { type: 'object', additionalProperties: ref(ensureApiextensionsSpecial(override.mapOf)) };
    return modelValueSchema(parseModelType(attr.type), attr.format, prefix, where);
  }

  function finishObject(def, model, properties, required) {
    const schema = { type: 'object', properties };
    if (model.description) schema.description = model.description;
    if (required.length > 0) schema.required = required;
    definitions.set(def, schema);
  }

  function claim(def, className) {
    const known = defToClass.get(def);
    if (known && known !== className) warn(`${def} reached as both ${known} and ${className}`);
    defToClass.set(def, className);
    if (!classToDef.has(className)) classToDef.set(className, def);
  }

  /** Walks a proto message and the client-node class that describes the same Go type. */
  function walkProto(protoName, className) {
    if (SPECIAL_MESSAGES[protoName]) return ensureSpecial(protoName);
    const def = canonicalNameOfProto(protoName);
    claim(def, className);
    if (definitions.has(def)) return def;
    const message = protoMessages.get(protoName);
    if (!message) throw new Error(`no proto descriptor for ${protoName}`);
    const model = models.get(className);
    if (!model) throw new Error(`no client-node model ${className} for ${protoName}`);
    definitions.set(def, null);
    walkedMessages.add(protoName);

    const flat = flattenFields(message, model, []);
    const byJsonName = new Map(flat.map((entry) => [entry.field.name, entry]));
    const byLowerName = new Map(flat.map((entry) => [entry.field.name.toLowerCase(), entry]));
    const properties = {};
    const required = [];
    for (const attr of model.attributes) {
      const hit = byJsonName.get(attr.jsonName) ?? byLowerName.get(attr.jsonName.toLowerCase());
      let schema;
      if (hit) {
        byJsonName.delete(hit.field.name);
        if (hit.field.name !== attr.jsonName) jsonNameOverrides.set(`${hit.owner}#${hit.field.name}`, attr.jsonName);
        schema = protoProperty(hit.field, attr, `${protoName}.${attr.jsonName}`);
        if (attr.required) keepZeroFields.add(`${hit.owner}#${hit.field.name}`);
      } else {
        // TypeMeta is not part of the proto message; everything else should be.
        if (attr.jsonName !== 'apiVersion' && attr.jsonName !== 'kind') {
          warn(`${className}.${attr.jsonName} has no proto field in ${protoName}`);
        }
        schema = modelProperty(model, attr, def.slice(0, def.lastIndexOf('.')));
      }
      properties[attr.jsonName] = describe(schema, attr.description ?? refDescription(schema));
      if (attr.required) required.push(attr.jsonName);
    }
    for (const [name] of byJsonName) warn(`${protoName}.${name} has no property in ${className}`);
    finishObject(def, model, properties, required);
    return def;
  }

  /** Walks a client-node class that has no proto descriptor (apiextensions, apiregistration). */
  function walkModel(className, prefix) {
    const known = classToDef.get(className);
    if (known) return known;
    const def = `${prefix}.${className.replace(/^(?:[A-Z][a-z]+)?V\d+(?:(?:alpha|beta)\d+)?/, '')}`;
    claim(def, className);
    if (definitions.has(def)) return def;
    const model = models.get(className);
    if (!model) throw new Error(`no client-node model ${className}`);
    definitions.set(def, null);
    const properties = {};
    const required = [];
    for (const attr of model.attributes) {
      const schema = modelProperty(model, attr, prefix);
      properties[attr.jsonName] = describe(schema, attr.description ?? refDescription(schema));
      if (attr.required) required.push(attr.jsonName);
    }
    finishObject(def, model, properties, required);
    return def;
  }

  return {
    walkProto,
    walkModel,
    definitions,
    classToDef,
    warnings,
    inlineFields,
    keepZeroFields,
    jsonNameOverrides,
    sliceAliases,
    walkedMessages,
  };
}
