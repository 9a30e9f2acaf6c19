// Drives the schema walk from every served kind and tags top-level schemas
// with their group/version/kind, the way upstream's OpenAPI documents do.
import {
  GROUP_PROTO_PACKAGES, MODEL_ONLY_GROUPS, SERVED_KINDS, NO_LIST_KINDS, META_KINDS,
  META_KINDS_IN_EVERY_GROUP_VERSION,
} from './api-groups.mjs';
import { createSchemaWalker } from './schema-walk.mjs';
import { EXTRA_DEFINITIONS } from './special-types.mjs';

const META_PROTO = 'k8s.io.apimachinery.pkg.apis.meta.v1';
const GVK_KEY = 'x-kubernetes-group-version-kind';

const pascal = (s) => s.charAt(0).toUpperCase() + s.slice(1);

// openapi-generator names a class after the definition's version and kind,
// and prefixes the group only where two groups share a kind name
// (CoreV1Event / EventsV1Event), so try the prefixed name first.
function modelClassFor(models, group, version, kind) {
  const groupWord = group === '' ? 'Core' : pascal(group.split('.')[0]);
  for (const candidate of [`${groupWord}${pascal(version)}${kind}`, `${pascal(version)}${kind}`]) {
    if (models.has(candidate)) return candidate;
  }
  throw new Error(`no client-node model for ${group || 'core'}/${version} ${kind}`);
}

function addGvk(definitions, def, gvk) {
  const schema = definitions.get(def);
  const list = (schema[GVK_KEY] ??= []);
  if (!list.some((g) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind)) list.push(gvk);
}

/**
 * @returns the walker (definitions plus the proto decisions) and the proto
 * messages the decoder needs as roots.
 */
export function buildDefinitions({ protoMessages, models }) {
  const walker = createSchemaWalker({ protoMessages, models });
  const rootMessages = [];
  const tagged = [];

  const protoGroups = SERVED_KINDS.filter(([group]) => !MODEL_ONLY_GROUPS[group]);
  const modelGroups = SERVED_KINDS.filter(([group]) => MODEL_ONLY_GROUPS[group]);

  for (const [group, version, kinds] of protoGroups) {
    const pkg = `${GROUP_PROTO_PACKAGES[group]}.${version}`;
    for (const baseKind of kinds) {
      const all = NO_LIST_KINDS.has(baseKind) ? [baseKind] : [baseKind, `${baseKind}List`];
      for (const kind of all) {
        const protoName = `${pkg}.${kind}`;
        const def = walker.walkProto(protoName, modelClassFor(models, group, version, kind));
        rootMessages.push(protoName);
        tagged.push([def, { group, kind, version }]);
      }
    }
  }

  const servedGroupVersions = SERVED_KINDS.map(([group, version]) => ({ group, version }));
  for (const kind of META_KINDS) {
    const protoName = `${META_PROTO}.${kind}`;
    const def = walker.walkProto(protoName, `V1${kind}`);
    rootMessages.push(protoName);
    if (META_KINDS_IN_EVERY_GROUP_VERSION.has(kind)) {
      for (const gv of servedGroupVersions) tagged.push([def, { ...gv, kind }]);
    } else if (kind === 'Status') {
      tagged.push([def, { group: '', kind, version: 'v1' }]);
    }
  }

  // Model-only groups last, so their references to meta types reuse the
  // definitions the proto walk already named.
  for (const [group, version, kinds] of modelGroups) {
    const prefix = `${MODEL_ONLY_GROUPS[group]}.${version}`;
    for (const baseKind of kinds) {
      for (const kind of [baseKind, `${baseKind}List`]) {
        const def = walker.walkModel(modelClassFor(models, group, version, kind), prefix);
        tagged.push([def, { group, kind, version }]);
      }
    }
  }

  for (const [def, gvk] of tagged) addGvk(walker.definitions, def, gvk);
  for (const [def, schema] of Object.entries(EXTRA_DEFINITIONS)) walker.definitions.set(def, { ...schema });
  return { walker, rootMessages };
}
