import { isJsonObject, jsonEqual, type JsonObject } from './json-values.js';
import { UNKNOWN_SCHEMA, type SchemaKind, type SchemaNode, type ZeroField } from './schema-walker.js';

// Reads OpenAPI v3 component schemas (properties reaching other definitions
// through `$ref` or a one-element `allOf`) lazily: a node resolves its children
// only when a walk steps into them, so recursive definitions cost nothing.

export type OpenApiDefinitions = Record<string, JsonObject>;

const SCALAR_TYPES = new Set(['string', 'integer', 'number', 'boolean']);

// Upstream's definitions declare these defaults and server-side apply keys list
// items with them; supplied here when the definitions at hand leave them out, or
// a port applied without `protocol` would not match the stored (defaulted) one.
const KEY_DEFAULTS: Record<string, Record<string, unknown>> = {
  'io.k8s.api.core.v1.ContainerPort': { protocol: 'TCP' },
  'io.k8s.api.core.v1.ServicePort': { protocol: 'TCP' },
};

/** One schema fragment with its `$ref` and `allOf` parts folded in; the fragment's own keywords win. */
interface Flat {
  type?: string;
  properties: Record<string, JsonObject>;
  required: Set<string>;
  additionalProperties?: unknown;
  items?: JsonObject;
  ext: Record<string, unknown>;
  scalarAlternatives: boolean;
  definition?: string;
}

function refName(ref: unknown): string | undefined {
  if (typeof ref !== 'string') return undefined;
  const slash = ref.lastIndexOf('/');
  return slash < 0 ? ref : ref.slice(slash + 1);
}

class OpenApiBuilder {
  private readonly nodes = new Map<JsonObject, SchemaNode>();

  constructor(private readonly definitions: OpenApiDefinitions) {}

  node(fragment: JsonObject, owner?: string, prop?: string): SchemaNode {
    const cached = this.nodes.get(fragment);
    if (cached) return cached;
    const flat = this.flatten(fragment);
    const kind = kindOf(flat);
    const node = kind === 'unknown' ? UNKNOWN_SCHEMA : new OpenApiNode(this, flat, kind, fragment, owner, prop);
    this.nodes.set(fragment, node);
    return node;
  }

  root(name: string): SchemaNode {
    const def = this.definitions[name];
    return def ? this.node(def) : UNKNOWN_SCHEMA;
  }

  private flatten(fragment: JsonObject): Flat {
    const flat: Flat = { properties: {}, required: new Set(), ext: {}, scalarAlternatives: false };
    const seen = new Set<string>();
    const visit = (s: JsonObject) => {
      if (flat.type === undefined && typeof s.type === 'string') flat.type = s.type;
      if (isJsonObject(s.properties)) for (const [k, v] of Object.entries(s.properties)) if (!(k in flat.properties) && isJsonObject(v)) flat.properties[k] = v;
      if (Array.isArray(s.required)) for (const r of s.required) if (typeof r === 'string') flat.required.add(r);
      if (flat.additionalProperties === undefined && s.additionalProperties !== undefined) flat.additionalProperties = s.additionalProperties;
      if (flat.items === undefined && isJsonObject(s.items)) flat.items = s.items;
      for (const [k, v] of Object.entries(s)) if (k.startsWith('x-kubernetes-') && !(k in flat.ext)) flat.ext[k] = v;
      const alternatives = Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : undefined;
      if (alternatives?.length && alternatives.every((a) => isJsonObject(a) && typeof a.type === 'string' && SCALAR_TYPES.has(a.type))) flat.scalarAlternatives = true;
      const target = refName(s.$ref);
      if (target && !seen.has(target) && this.definitions[target]) {
        seen.add(target);
        flat.definition ??= target;
        visit(this.definitions[target]);
      }
      if (Array.isArray(s.allOf)) for (const part of s.allOf) if (isJsonObject(part)) visit(part);
    };
    visit(fragment);
    return flat;
  }
}

function kindOf(flat: Flat): SchemaKind {
  if (flat.ext['x-kubernetes-int-or-string'] === true) return 'scalar';
  if (flat.type === 'array') return 'array';
  if (flat.type && SCALAR_TYPES.has(flat.type)) return 'scalar';
  if (flat.type === 'object' || Object.keys(flat.properties).length || flat.additionalProperties !== undefined) {
    if (Object.keys(flat.properties).length) return 'object';
    if (isJsonObject(flat.additionalProperties)) return 'map';
    return 'unknown';
  }
  if (flat.items) return 'array';
  if (flat.scalarAlternatives) return 'scalar';
  return 'unknown';
}

class OpenApiNode implements SchemaNode {
  listType?: 'atomic' | 'set' | 'map';
  mergeKey?: string;
  listMapKeys?: string[];
  patchStrategy?: string;
  mapType?: 'atomic' | 'granular';
  preserveUnknown?: boolean;
  defaultValue?: unknown;
  private zero?: ZeroField[];

  constructor(
    private readonly builder: OpenApiBuilder,
    private readonly flat: Flat,
    readonly kind: SchemaKind,
    fragment: JsonObject,
    owner: string | undefined,
    prop: string | undefined,
  ) {
    const ext = flat.ext;
    const listType = ext['x-kubernetes-list-type'];
    if (listType === 'atomic' || listType === 'set' || listType === 'map') this.listType = listType;
    if (Array.isArray(ext['x-kubernetes-list-map-keys'])) this.listMapKeys = ext['x-kubernetes-list-map-keys'].filter((k): k is string => typeof k === 'string');
    if (typeof ext['x-kubernetes-patch-merge-key'] === 'string') this.mergeKey = ext['x-kubernetes-patch-merge-key'];
    if (typeof ext['x-kubernetes-patch-strategy'] === 'string') this.patchStrategy = ext['x-kubernetes-patch-strategy'];
    const mapType = ext['x-kubernetes-map-type'];
    if (mapType === 'atomic' || mapType === 'granular') this.mapType = mapType;
    if (ext['x-kubernetes-preserve-unknown-fields'] === true) this.preserveUnknown = true;
    if (kind === 'scalar') this.defaultValue = fragment.default ?? (owner && prop ? KEY_DEFAULTS[owner]?.[prop] : undefined);
  }

  child(prop: string): SchemaNode | undefined {
    if (this.kind === 'map') return this.mapValues();
    if (this.kind !== 'object') return undefined;
    const fragment = Object.prototype.hasOwnProperty.call(this.flat.properties, prop) ? this.flat.properties[prop] : undefined;
    return fragment ? this.builder.node(fragment, this.flat.definition, prop) : undefined;
  }

  items(): SchemaNode | undefined {
    if (this.kind !== 'array') return undefined;
    return this.flat.items ? this.builder.node(this.flat.items) : UNKNOWN_SCHEMA;
  }

  mapValues(): SchemaNode | undefined {
    if (this.kind !== 'object' && this.kind !== 'map') return undefined;
    const extra = this.flat.additionalProperties;
    if (isJsonObject(extra)) return this.builder.node(extra);
    if (extra === true || this.preserveUnknown) return UNKNOWN_SCHEMA;
    return undefined;
  }

  zeroFields(): readonly ZeroField[] {
    if (this.zero) return this.zero;
    this.zero = [];
    if (this.kind !== 'object') return this.zero;
    for (const [name, fragment] of Object.entries(this.flat.properties)) {
      if (jsonEqual(fragment.default, {}) && this.child(name)?.kind === 'object') this.zero.push({ name, zero: 'empty' });
      else if (this.flat.required.has(name)) this.zero.push({ name, zero: 'null' });
    }
    return this.zero;
  }
}

const builders = new WeakMap<OpenApiDefinitions, OpenApiBuilder>();

/** The node of definition `rootName` (unknown when the definitions do not have it). */
export function schemaNodeFromOpenApi(definitions: OpenApiDefinitions, rootName: string): SchemaNode {
  let builder = builders.get(definitions);
  if (!builder) {
    builder = new OpenApiBuilder(definitions);
    builders.set(definitions, builder);
  }
  return builder.root(rootName);
}
