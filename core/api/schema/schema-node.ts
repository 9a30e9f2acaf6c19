// A cursor over the built-in schemas for code that walks objects alongside
// their schema: strategic merge patch, server-side apply, pruning. Each node
// is resolved once and cached, so walking big objects stays cheap.
import { getDefinition, refName, type JsonSchema } from './definitions.js';
import { resolveSchema } from './resolve.js';

export type SchemaNodeKind = 'object' | 'array' | 'map' | 'scalar' | 'unknown';

export interface ListSemantics {
  strategy?: string;
  mergeKey?: string;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
  mapType?: 'atomic' | 'granular';
}

export interface BuiltinSchemaNode {
  readonly kind: SchemaNodeKind;
  /** The flattened schema (refs followed, property-level markers kept). */
  readonly schema: JsonSchema;
  /** The definition this node came from, when it is a named type. */
  readonly definition: string | undefined;
  readonly listType?: 'atomic' | 'set' | 'map';
  readonly mergeKey?: string;
  readonly listMapKeys?: string[];
  /** `merge`, `replace`, `retainKeys` or `merge,retainKeys`. */
  readonly patchStrategy?: string;
  readonly mapType?: 'atomic' | 'granular';
  readonly preserveUnknown: boolean;
  readonly defaultValue?: unknown;
  /** A declared property of an object, or the value schema of a map. */
  child(prop: string): BuiltinSchemaNode | undefined;
  items(): BuiltinSchemaNode | undefined;
  /** The schema of undeclared keys: additionalProperties, or unknown where unknown fields are kept. */
  mapValues(): BuiltinSchemaNode | undefined;
  /**
   * Properties Go's typed objects always print: a non-pointer struct as `{}`
   * ('empty'), any other required field (no omitempty) as its zero ('null').
   */
  zeroFields(): ReadonlyArray<{ name: string; zero: 'empty' | 'null' }>;
}

function kindOf(schema: JsonSchema): SchemaNodeKind {
  if (schema.properties) return 'object';
  if (schema.type === 'array') return 'array';
  if (typeof schema.additionalProperties === 'object') return 'map';
  if (schema['x-kubernetes-preserve-unknown-fields']) return 'unknown';
  if (schema.type === 'object') return 'object';
  if (schema.type || schema.oneOf || schema['x-kubernetes-int-or-string']) return 'scalar';
  return 'unknown';
}

class Node implements BuiltinSchemaNode {
  readonly kind: SchemaNodeKind;
  readonly schema: JsonSchema;
  readonly definition: string | undefined;
  readonly preserveUnknown: boolean;
  private readonly children = new Map<string, Node | undefined>();
  private itemNode: Node | undefined | null = null;
  private valueNode: Node | undefined | null = null;
  private zeros: Array<{ name: string; zero: 'empty' | 'null' }> | undefined;

  constructor(raw: JsonSchema) {
    this.schema = resolveSchema(raw);
    this.definition = refName(raw);
    this.kind = kindOf(this.schema);
    this.preserveUnknown = this.schema['x-kubernetes-preserve-unknown-fields'] === true;
  }

  get listType() {
    return this.schema['x-kubernetes-list-type'];
  }
  get mergeKey() {
    return this.schema['x-kubernetes-patch-merge-key'];
  }
  get listMapKeys() {
    return this.schema['x-kubernetes-list-map-keys'];
  }
  get patchStrategy() {
    return this.schema['x-kubernetes-patch-strategy'];
  }
  get mapType() {
    return this.schema['x-kubernetes-map-type'];
  }
  get defaultValue() {
    return this.schema.default;
  }

  child(prop: string): Node | undefined {
    if (this.kind === 'map') return this.mapValues();
    if (this.kind === 'unknown') return UNKNOWN_NODE;
    if (!this.children.has(prop)) {
      const props = this.schema.properties;
      const raw = props && Object.hasOwn(props, prop) ? props[prop] : undefined;
      this.children.set(prop, raw && nodeFor(raw));
    }
    return this.children.get(prop);
  }

  items(): Node | undefined {
    if (this.kind === 'unknown') return UNKNOWN_NODE;
    if (this.itemNode === null) this.itemNode = this.schema.items && nodeFor(this.schema.items);
    return this.itemNode;
  }

  mapValues(): Node | undefined {
    if (this.valueNode === null) {
      const extra = this.schema.additionalProperties;
      this.valueNode = typeof extra === 'object' ? nodeFor(extra) : this.preserveUnknown || this.kind === 'unknown' ? UNKNOWN_NODE : undefined;
    }
    return this.valueNode;
  }

  zeroFields(): ReadonlyArray<{ name: string; zero: 'empty' | 'null' }> {
    if (!this.zeros) {
      const required = new Set(this.schema.required ?? []);
      this.zeros = [];
      for (const [name, prop] of Object.entries(this.schema.properties ?? {})) {
        const d = prop.default;
        const emptyStruct = d !== null && typeof d === 'object' && Object.keys(d).length === 0;
        if (emptyStruct) this.zeros.push({ name, zero: 'empty' });
        else if (required.has(name)) this.zeros.push({ name, zero: 'null' });
      }
    }
    return this.zeros;
  }
}

const nodes = new WeakMap<JsonSchema, Node>();

function nodeFor(raw: JsonSchema): Node {
  let node = nodes.get(raw);
  if (!node) {
    node = new Node(raw);
    nodes.set(raw, node);
  }
  return node;
}

const UNKNOWN_NODE = new Node({ 'x-kubernetes-preserve-unknown-fields': true });

/** The node for a definition by canonical name. */
export function schemaNode(defName: string): BuiltinSchemaNode | undefined {
  const schema = getDefinition(defName);
  return schema && nodeFor(schema);
}

/** A node for any schema object (e.g. a CRD's structural schema shaped like these). */
export function schemaNodeFor(schema: JsonSchema): BuiltinSchemaNode {
  return nodeFor(schema);
}

/**
 * The strategic-merge and apply semantics of one property of a definition.
 * Properties without markers return {}: SMP then replaces lists and SSA
 * treats them as atomic.
 */
export function listSemantics(defName: string, propertyName: string): ListSemantics {
  const node = schemaNode(defName)?.child(propertyName);
  if (!node) return {};
  const out: ListSemantics = {};
  if (node.patchStrategy) out.strategy = node.patchStrategy;
  if (node.mergeKey) out.mergeKey = node.mergeKey;
  if (node.listType) out.listType = node.listType;
  if (node.listMapKeys) out.listMapKeys = node.listMapKeys;
  if (node.mapType) out.mapType = node.mapType;
  return out;
}
