import { isJsonObject, type JsonObject } from './json-values.js';
import { UNKNOWN_SCHEMA, type SchemaKind, type SchemaNode } from './schema-walker.js';

// A custom resource's openAPIV3Schema. Structural schemas carry no `$ref`, so a
// node is the fragment itself; list and map semantics come from the
// x-kubernetes-* markers, and x-kubernetes-preserve-unknown-fields turns
// undeclared keys into unknown (deduced) values.

const SCALAR_TYPES = new Set(['string', 'integer', 'number', 'boolean']);

export interface StructuralOptions {
  /**
   * The schema of the root's `metadata`. Upstream merges ObjectMeta's own
   * semantics into every custom resource (finalizers are a set, owner references
   * a map), which a CRD's schema does not spell out.
   */
  objectMeta?: SchemaNode;
}

function kindOf(s: JsonObject): SchemaKind {
  if (s['x-kubernetes-int-or-string'] === true) return 'scalar';
  const type = s.type;
  if (type === 'array') return 'array';
  if (typeof type === 'string' && SCALAR_TYPES.has(type)) return 'scalar';
  const hasProps = isJsonObject(s.properties) && Object.keys(s.properties).length > 0;
  if (hasProps) return 'object';
  if (isJsonObject(s.additionalProperties)) return 'map';
  if (type === undefined && isJsonObject(s.items)) return 'array';
  return 'unknown';
}

class StructuralNode implements SchemaNode {
  readonly kind: SchemaKind;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
  mapType?: 'atomic' | 'granular';
  preserveUnknown?: boolean;
  defaultValue?: unknown;

  constructor(
    private readonly builder: StructuralBuilder,
    private readonly schema: JsonObject,
    private readonly isRoot: boolean,
  ) {
    // A custom resource's root always has named fields (apiVersion, kind, metadata), even when its schema only says "preserve unknown".
    this.kind = isRoot && builder.objectMeta ? 'object' : kindOf(schema);
    const listType = schema['x-kubernetes-list-type'];
    if (listType === 'atomic' || listType === 'set' || listType === 'map') this.listType = listType;
    const keys = schema['x-kubernetes-list-map-keys'];
    if (Array.isArray(keys)) this.listMapKeys = keys.filter((k): k is string => typeof k === 'string');
    const mapType = schema['x-kubernetes-map-type'];
    if (mapType === 'atomic' || mapType === 'granular') this.mapType = mapType;
    if (schema['x-kubernetes-preserve-unknown-fields'] === true) this.preserveUnknown = true;
    if (this.kind === 'scalar' && schema.default !== undefined) this.defaultValue = schema.default;
  }

  child(prop: string): SchemaNode | undefined {
    if (this.kind === 'map') return this.mapValues();
    if (this.kind !== 'object') return undefined;
    if (this.isRoot && prop === 'metadata' && this.builder.objectMeta) return this.builder.objectMeta;
    const props = isJsonObject(this.schema.properties) ? this.schema.properties : {};
    const fragment = Object.prototype.hasOwnProperty.call(props, prop) ? props[prop] : undefined;
    return isJsonObject(fragment) ? this.builder.node(fragment) : undefined;
  }

  items(): SchemaNode | undefined {
    if (this.kind !== 'array') return undefined;
    return isJsonObject(this.schema.items) ? this.builder.node(this.schema.items) : UNKNOWN_SCHEMA;
  }

  mapValues(): SchemaNode | undefined {
    if (this.kind !== 'object' && this.kind !== 'map') return undefined;
    const extra = this.schema.additionalProperties;
    if (isJsonObject(extra)) return this.builder.node(extra);
    if (extra === true || this.preserveUnknown) return UNKNOWN_SCHEMA;
    return undefined;
  }
}

class StructuralBuilder {
  private readonly nodes = new Map<JsonObject, SchemaNode>();

  constructor(readonly objectMeta: SchemaNode | undefined) {}

  node(fragment: JsonObject, isRoot = false): SchemaNode {
    let node = this.nodes.get(fragment);
    if (!node) {
      node = kindOf(fragment) === 'unknown' && !(isRoot && this.objectMeta) ? UNKNOWN_SCHEMA : new StructuralNode(this, fragment, isRoot);
      this.nodes.set(fragment, node);
    }
    return node;
  }
}

/** The node of a CRD version's openAPIV3Schema. */
export function schemaNodeFromStructural(schema: Record<string, unknown>, options: StructuralOptions = {}): SchemaNode {
  return new StructuralBuilder(options.objectMeta).node(schema, true);
}
