// Follows `$ref` and single-element `allOf` wrappers so callers see one flat
// schema. Keys written beside the reference (description, default, list and
// patch markers on the property) win over the referenced definition's own.
import { getDefinition, refName, type JsonSchema } from './definitions.js';

const resolved = new WeakMap<JsonSchema, JsonSchema>();
const MAX_REF_HOPS = 16;

export function resolveSchema(schema: JsonSchema): JsonSchema {
  const cached = resolved.get(schema);
  if (cached) return cached;
  let out: JsonSchema = schema;
  for (let hops = 0; hops < MAX_REF_HOPS; hops++) {
    const name = refName(out);
    if (!name) break;
    const target = getDefinition(name);
    if (!target) throw new Error(`schema refers to unknown definition ${name}`);
    const { $ref: _ref, allOf: _allOf, ...local } = out;
    out = { ...target, ...local };
  }
  resolved.set(schema, out);
  return out;
}

/** The resolved schema of a definition, or undefined if there is none. */
export function resolveDefinition(defName: string): JsonSchema | undefined {
  const schema = getDefinition(defName);
  return schema && resolveSchema(schema);
}

/**
 * The schema at a path below a definition. Path segments are property names;
 * `[]` (or any numeric index) steps into list items and `{}` into map values.
 */
export function propertySchema(defName: string, path: string | readonly string[]): JsonSchema | undefined {
  const segments = typeof path === 'string' ? splitPath(path) : path;
  let schema = resolveDefinition(defName);
  for (const segment of segments) {
    if (!schema) return undefined;
    if (segment === '[]' || /^\[?\d+\]?$/.test(segment)) {
      schema = schema.items && resolveSchema(schema.items);
    } else if (segment === '{}') {
      schema = typeof schema.additionalProperties === 'object' ? resolveSchema(schema.additionalProperties) : undefined;
    } else {
      const prop = schema.properties?.[segment];
      schema = prop && resolveSchema(prop);
    }
  }
  return schema;
}

/** "spec.template.spec.containers[0].ports" → ["spec", "template", "spec", "containers", "[]", "ports"]. */
export function splitPath(path: string): string[] {
  return path
    .replace(/\[[^\]]*\]/g, '.[]')
    .split('.')
    .filter((s) => s !== '');
}
