import { getDefinitions } from '../../api/schema/index.js';
import type { SchemaRef } from '../managed-fields/types.js';
import { schemaNodeFromOpenApi, type OpenApiDefinitions } from './openapi-schema-node.js';
import { UNKNOWN_SCHEMA, type SchemaNode } from './schema-walker.js';
import { schemaNodeFromStructural } from './structural-schema-node.js';

// Patching and field management run synchronously inside a write, so the
// definitions are read once, on first use, and kept.

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

const generatedDefinitions = () => getDefinitions() as unknown as OpenApiDefinitions;

let source: () => OpenApiDefinitions | undefined = generatedDefinitions;
let loaded: OpenApiDefinitions | undefined;
let attempted = false;
let structuralRoots = new WeakMap<object, SchemaNode>();

/** Where built-in definitions come from (tests swap in small ones); undefined restores the generated definitions. */
export function setDefinitionsSource(next?: () => OpenApiDefinitions | undefined): void {
  source = next ?? generatedDefinitions;
  loaded = undefined;
  attempted = false;
  structuralRoots = new WeakMap();
}

function definitions(): OpenApiDefinitions | undefined {
  if (!attempted) {
    loaded = source();
    attempted = true;
  }
  return loaded;
}

/** The schema node a write walks: the kind's definition, or a CRD's structural schema, or unknown when neither is known. */
export function resolveSchema(ref: SchemaRef): SchemaNode {
  if (ref.definition) {
    const defs = definitions();
    return defs ? schemaNodeFromOpenApi(defs, ref.definition) : UNKNOWN_SCHEMA;
  }
  if (ref.structural) {
    let node = structuralRoots.get(ref.structural);
    if (!node) {
      const defs = definitions();
      node = schemaNodeFromStructural(ref.structural, { objectMeta: defs?.[OBJECT_META] ? schemaNodeFromOpenApi(defs, OBJECT_META) : undefined });
      structuralRoots.set(ref.structural, node);
    }
    return node;
  }
  return UNKNOWN_SCHEMA;
}
