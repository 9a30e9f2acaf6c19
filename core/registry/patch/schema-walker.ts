// The one view of a schema that patching and field management need: how to step
// into a property, a list item or a map value, and the list and map semantics
// found there. Built-in kinds get it from the OpenAPI definitions, custom
// resources from their structural schema; a part nobody described is `unknown`
// and behaves the way upstream's "deduced" type does (maps merge key by key,
// lists are replaced whole).

export type SchemaKind = 'object' | 'array' | 'map' | 'scalar' | 'unknown';

export interface ZeroField {
  name: string;
  /**
   * How upstream's typed objects always carry this property even when a client
   * left it out: a non-pointer struct serializes as `{}`, a required field without
   * omitempty as `null`. Field management diffs against that shape.
   */
  zero: 'empty' | 'null';
}

export interface SchemaNode {
  readonly kind: SchemaKind;
  /**
   * A declared property of an object (undefined for names the object does not
   * declare; use mapValues() for those), the value schema of a map, and unknown
   * below an unknown node.
   */
  child(prop: string): SchemaNode | undefined;
  items(): SchemaNode | undefined;
  /** The schema of undeclared keys: additionalProperties, or unknown where unknown fields are preserved. */
  mapValues(): SchemaNode | undefined;
  listType?: 'atomic' | 'set' | 'map';
  mergeKey?: string;
  listMapKeys?: string[];
  /** `merge`, `replace`, `retainKeys` or `merge,retainKeys`. */
  patchStrategy?: string;
  mapType?: 'atomic' | 'granular';
  preserveUnknown?: boolean;
  /** The schema default of a scalar; fills list-map key fields an item leaves out. */
  defaultValue?: unknown;
  /** Properties an object always carries in upstream's typed form (built-in kinds only). */
  zeroFields?(): readonly ZeroField[];
}

class UnknownNode implements SchemaNode {
  readonly kind = 'unknown' as const;
  child(): SchemaNode {
    return this;
  }
  items(): SchemaNode {
    return this;
  }
  mapValues(): SchemaNode {
    return this;
  }
}

export const UNKNOWN_SCHEMA: SchemaNode = new UnknownNode();

/** The schema of `prop` below `node`, falling back to undeclared-key and then unknown semantics. */
export function fieldSchema(node: SchemaNode, prop: string): SchemaNode {
  return node.child(prop) ?? node.mapValues() ?? UNKNOWN_SCHEMA;
}

/** Whether `prop` is a declared field of a struct-like object (upstream's "named field"), as opposed to a map key. */
export function isNamedField(node: SchemaNode, prop: string): boolean {
  return node.kind === 'object' && node.child(prop) !== undefined;
}

export function itemSchema(node: SchemaNode): SchemaNode {
  return node.items() ?? UNKNOWN_SCHEMA;
}

export type ListSemantics = { type: 'atomic' } | { type: 'set' } | { type: 'map'; keys: string[] };

/**
 * How server-side apply treats a list: the declared list type, or else (as
 * upstream's schema conversion does) a merge patch strategy turns it into a map
 * keyed by the merge key, or a set without one. Lists of unknown schema are atomic.
 */
export function listSemantics(node: SchemaNode): ListSemantics {
  if (node.kind !== 'array') return { type: 'atomic' };
  switch (node.listType) {
    case 'atomic':
      return { type: 'atomic' };
    case 'set':
      return { type: 'set' };
    case 'map': {
      const keys = node.listMapKeys?.length ? node.listMapKeys : node.mergeKey ? [node.mergeKey] : [];
      return keys.length ? { type: 'map', keys } : { type: 'atomic' };
    }
  }
  const strategies = (node.patchStrategy ?? '').split(',');
  if (strategies.includes('merge')) return node.mergeKey ? { type: 'map', keys: [node.mergeKey] } : { type: 'set' };
  return { type: 'atomic' };
}

/** Whether server-side apply merges this map key by key (true for objects and maps unless marked atomic). */
export function isGranularMap(node: SchemaNode): boolean {
  return (node.kind === 'object' || node.kind === 'map' || node.kind === 'unknown') && node.mapType !== 'atomic';
}
