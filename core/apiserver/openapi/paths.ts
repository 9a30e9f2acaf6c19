import type { ResourceDescriptor } from '../../registry/descriptor.js';

const q = (name: string, type = 'string', description?: string) => ({ name, in: 'query', ...(description ? { description } : {}), schema: { type, uniqueItems: true } });
const p = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', uniqueItems: true } });

const WRITE_PARAMS = [
  q('dryRun', 'string', 'When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed'),
  q('fieldManager', 'string', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
  q('fieldValidation', 'string', 'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are Ignore, Warn (default) and Strict.'),
];

const LIST_PARAMS = ['allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion', 'resourceVersionMatch', 'sendInitialEvents', 'timeoutSeconds', 'watch'].map((n) =>
  q(n, ['allowWatchBookmarks', 'sendInitialEvents', 'watch'].includes(n) ? 'boolean' : ['limit', 'timeoutSeconds'].includes(n) ? 'integer' : 'string'),
);

function ref(name: string) {
  return { $ref: `#/components/schemas/${name}` };
}

function json(schema: unknown) {
  return { 'application/json': { schema }, 'application/yaml': { schema }, 'application/vnd.kubernetes.protobuf': { schema } };
}

/** The paths of one resource (and its status/scale) as upstream's OpenAPI v3 lists them. */
export function resourcePaths(d: ResourceDescriptor, schemaName: string | undefined): Record<string, unknown> {
  const base = d.group ? `/apis/${d.group}/${d.version}` : `/api/${d.version}`;
  const collection = d.namespaced ? `${base}/namespaces/{namespace}/${d.plural}` : `${base}/${d.plural}`;
  const gvk = { group: d.group, version: d.version, kind: d.kind };
  const objectSchema = schemaName ? ref(schemaName) : { type: 'object' };
  const nsParams = d.namespaced ? [p('namespace')] : [];
  const verbs = d.verbs ?? ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
  const patchTypes: Record<string, unknown> = {
    'application/json-patch+json': { schema: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Patch') },
    'application/merge-patch+json': { schema: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Patch') },
    ...(d.custom ? {} : { 'application/strategic-merge-patch+json': { schema: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Patch') } }),
    'application/apply-patch+yaml': { schema: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Patch') },
  };
  const op = (action: string, extra: Record<string, unknown>) => ({
    description: `${action} ${d.kind}`,
    operationId: `${action}${d.kind}`,
    tags: [d.group ? `${d.group.split('.')[0]}_${d.version}` : `core_${d.version}`],
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    ...extra,
    responses: { '200': { description: 'OK', content: json(objectSchema) }, '401': { description: 'Unauthorized' } },
  });
  const paths: Record<string, unknown> = {};
  const item: Record<string, unknown> = { parameters: [p('name'), ...nsParams, q('pretty')] };
  if (verbs.includes('get')) item.get = op('get', {});
  if (verbs.includes('update')) item.put = op('put', { parameters: WRITE_PARAMS, requestBody: { content: json(objectSchema), required: true } });
  if (verbs.includes('delete')) item.delete = op('delete', { parameters: [...WRITE_PARAMS.slice(0, 1), q('gracePeriodSeconds', 'integer'), q('propagationPolicy')] });
  if (verbs.includes('patch'))
    item.patch = op('patch', { parameters: [...WRITE_PARAMS, q('force', 'boolean', 'Force is going to "force" Apply requests.')], requestBody: { content: patchTypes, required: true } });
  if (verbs.some((v) => ['get', 'update', 'patch', 'delete'].includes(v))) paths[`${collection}/{name}`] = item;
  const coll: Record<string, unknown> = { parameters: [...nsParams, q('pretty')] };
  if (verbs.includes('list')) coll.get = op('list', { parameters: LIST_PARAMS });
  if (verbs.includes('create')) coll.post = op('post', { parameters: WRITE_PARAMS, requestBody: { content: json(objectSchema), required: true } });
  if (verbs.includes('deletecollection')) coll.delete = op('deletecollection', { parameters: [...LIST_PARAMS, ...WRITE_PARAMS.slice(0, 1)] });
  paths[collection] = coll;
  for (const sub of [...(d.subresources?.status ? ['status'] : []), ...(d.subresources?.scale ? ['scale'] : [])]) {
    const subSchema = sub === 'scale' ? ref('io.k8s.api.autoscaling.v1.Scale') : objectSchema;
    const subGvk = sub === 'scale' ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : gvk;
    const subOp = (action: string, extra: Record<string, unknown>) => ({ ...op(action, extra), 'x-kubernetes-group-version-kind': subGvk, responses: { '200': { description: 'OK', content: json(subSchema) } } });
    paths[`${collection}/{name}/${sub}`] = {
      parameters: [p('name'), ...nsParams],
      get: subOp('get', {}),
      put: subOp('put', { parameters: WRITE_PARAMS, requestBody: { content: json(subSchema), required: true } }),
      patch: subOp('patch', { parameters: [...WRITE_PARAMS, q('force', 'boolean')], requestBody: { content: patchTypes, required: true } }),
    };
  }
  return paths;
}
