// The OpenAPI v3 component schemas of the built-in kinds, as generated into
// definitions.json (with patch metadata merged in), loaded on first use.
import { loadGeneratedJson } from '../generated-data.js';

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** The subset of OpenAPI v3 schema the generated definitions use. */
export interface JsonSchema {
  $ref?: string;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  required?: string[];
  default?: unknown;
  'x-kubernetes-group-version-kind'?: GroupVersionKind[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
}

export type Definitions = Readonly<Record<string, JsonSchema>>;

export const REF_PREFIX = '#/components/schemas/';

let definitions: Definitions | undefined;
let byGvk: Map<string, string> | undefined;

const gvkKey = ({ group, version, kind }: GroupVersionKind) => `${group}/${version}/${kind}`;

/** Every built-in definition by canonical name (io.k8s.api.core.v1.Pod, …). */
export function getDefinitions(): Definitions {
  definitions ??= loadGeneratedJson<Definitions>('definitions.json');
  return definitions;
}

export function getDefinition(name: string): JsonSchema | undefined {
  const defs = getDefinitions();
  return Object.hasOwn(defs, name) ? defs[name] : undefined;
}

/** The definition that carries this group/version/kind, e.g. apps/v1 Deployment → io.k8s.api.apps.v1.Deployment. */
export function definitionNameFor(gvk: GroupVersionKind): string | undefined {
  if (!byGvk) {
    byGvk = new Map();
    for (const [name, schema] of Object.entries(getDefinitions())) {
      for (const entry of schema['x-kubernetes-group-version-kind'] ?? []) {
        // DeleteOptions and WatchEvent are tagged in every group version; a
        // kind's own definition always comes first for its own GVK.
        if (!byGvk.has(gvkKey(entry))) byGvk.set(gvkKey(entry), name);
      }
    }
  }
  return byGvk.get(gvkKey(gvk));
}

/** The definition name a `$ref` points at, or undefined for inline schemas. */
export function refName(schema: JsonSchema): string | undefined {
  const ref = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
  return ref?.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : undefined;
}
