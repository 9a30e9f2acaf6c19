import type { IncomingMessage, ServerResponse } from 'node:http';
import { StatusError, badRequest, methodNotSupported, notAcceptable, pathNotFound } from '../../api/errors.js';
import type { KubeObject } from '../../api/types.js';
import type { RequestContext, UserInfo } from '../../registry/context.js';
import { apiVersionOfDescriptor, type ResourceDescriptor } from '../../registry/descriptor.js';
import type { DeleteOptions, ListOutcome } from '../../registry/object-api.js';
import { PATCH_CONTENT_TYPES } from '../../registry/patch/types.js';
import type { Served } from '../../registry/request-version.js';
import { negotiate, type AcceptChoice } from '../accept.js';
import { decodeBody, readBody } from '../body.js';
import type { ApiServerDeps } from '../deps.js';
import type { ResourceRequest } from '../request-info.js';
import { requestContext } from '../request-context.js';
import { sendJson, warningHeaders } from '../respond.js';
import { buildTable, type IncludeObject } from '../table.js';
import { serveWatch } from './watch.js';

const WRITE_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

function includeObject(query: URLSearchParams): IncludeObject {
  const v = query.get('includeObject');
  if (v === 'None' || v === 'Object') return v;
  return 'Metadata';
}

function objectJson(s: Served): string {
  return s.json ?? JSON.stringify(s.object);
}

export function listJson(d: ResourceDescriptor, out: ListOutcome): string {
  const meta = JSON.stringify({
    resourceVersion: out.resourceVersion,
    ...(out.continue ? { continue: out.continue } : {}),
    ...(out.remainingItemCount !== undefined ? { remainingItemCount: out.remainingItemCount } : {}),
  });
  return `{"kind":${JSON.stringify(d.listKind)},"apiVersion":${JSON.stringify(apiVersionOfDescriptor(d))},"metadata":${meta},"items":[${out.items.map(objectJson).join(',')}]}`;
}

function partial(obj: KubeObject): KubeObject {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

/** Writes one object (or a Table or partial view of it) as the client's Accept asked. */
function sendObject(deps: ApiServerDeps, res: ServerResponse, req: IncomingMessage, d: ResourceDescriptor, code: number, s: Served, accept: AcceptChoice, query: URLSearchParams, ctx?: RequestContext): void {
  const headers = warningHeaders(ctx?.warnings ?? []);
  let body: string;
  if (accept.shape === 'table' && s.object.kind === d.kind) {
    body = JSON.stringify(buildTable(d, [s.object], { include: includeObject(query), now: deps.clock.now(), resourceVersion: s.object.metadata.resourceVersion }));
  } else if (accept.shape === 'partial') body = JSON.stringify(partial(s.object));
  else body = objectJson(s);
  sendJson(res, code, body, { headers, acceptEncoding: String(req.headers['accept-encoding'] ?? '') });
}

function intParam(query: URLSearchParams, name: string): number | undefined {
  const v = query.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw badRequest(`invalid value for ${name}: "${v}" is not an integer`);
  return n;
}

function boolParam(query: URLSearchParams, name: string): boolean | undefined {
  const v = query.get(name);
  if (v === null) return undefined;
  return v === 'true' || v === '1' || v === '';
}

async function readDeleteOptions(deps: ApiServerDeps, req: IncomingMessage, query: URLSearchParams, ctx: RequestContext): Promise<DeleteOptions> {
  const buf = await readBody(req);
  let opts: Record<string, unknown> = {};
  if (buf.length > 0) {
    const decoded = decodeBody(buf, req.headers['content-type'], deps.protobuf, WRITE_TYPES).value;
    if (decoded && typeof decoded === 'object') opts = decoded as Record<string, unknown>;
  }
  const dryRun = opts.dryRun;
  if (Array.isArray(dryRun) && dryRun.length) {
    for (const v of dryRun) if (v !== 'All') throw badRequest(`Invalid dry run value: "${v}": supported values are "All"`);
    ctx.dryRun = true;
  }
  const grace = intParam(query, 'gracePeriodSeconds') ?? (opts.gracePeriodSeconds as number | undefined);
  const policy = (query.get('propagationPolicy') ?? opts.propagationPolicy) as DeleteOptions['propagationPolicy'];
  if (policy !== undefined && !['Foreground', 'Background', 'Orphan'].includes(policy))
    throw new StatusError(422, 'Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`);
  const orphan = boolParam(query, 'orphanDependents') ?? (opts.orphanDependents as boolean | undefined);
  if (grace !== undefined && grace < 0) throw badRequest('gracePeriodSeconds must be zero or positive');
  return { gracePeriodSeconds: grace, propagationPolicy: policy, orphanDependents: orphan, preconditions: opts.preconditions as DeleteOptions['preconditions'] };
}

/** Every verb on a resource or its status/scale, over the generic registry. */
export async function handleResource(deps: ApiServerDeps, req: IncomingMessage, res: ServerResponse, info: ResourceRequest, query: URLSearchParams, user: UserInfo): Promise<void> {
  const d = deps.registry.lookup(info.group, info.version, info.resource);
  if (!d) throw pathNotFound();
  if (info.namespace !== undefined && !d.namespaced) throw pathNotFound();
  const verbs = deps.registry.verbsOf(d);
  const accept = negotiate(req.headers.accept);
  const sub = info.subresource;
  if (sub && sub !== 'status' && sub !== 'scale' && !d.subresources?.fieldPaths?.[sub]) {
    const handler = deps.subresources.get(`${d.plural}/${sub}`) ?? deps.subresources.get(`*/${sub}`);
    if (!handler || !(d.subresources?.extra ?? []).includes(sub)) throw pathNotFound();
    return handler({ deps, req, res, info, descriptor: d, query, user, accept });
  }
  if (accept.unacceptable && info.verb !== 'watch') throw notAcceptable();
  const ctx = () => requestContext(req, query, user, deps.clock);
  const objects = deps.objects;
  const ns = d.namespaced ? info.namespace : undefined;
  if (d.namespaced && !ns && info.name) throw pathNotFound();
  const check = (verb: (typeof verbs)[number]) => {
    if (!verbs.includes(verb) && !sub) throw methodNotSupported({ group: d.group, resource: d.plural }, verb);
  };
  switch (info.verb) {
    case 'get': {
      check('get');
      const s = objects.get(d, ns, info.name!, sub);
      return sendObject(deps, res, req, d, 200, s, accept, query);
    }
    case 'list': {
      check('list');
      if (sub) throw pathNotFound();
      const out = objects.list(d, ns, {
        labelSelector: query.get('labelSelector') ?? undefined,
        fieldSelector: query.get('fieldSelector') ?? undefined,
        limit: intParam(query, 'limit'),
        continue: query.get('continue') ?? undefined,
        resourceVersion: query.get('resourceVersion') ?? undefined,
        resourceVersionMatch: query.get('resourceVersionMatch') ?? undefined,
      });
      let body: string;
      if (accept.shape === 'table') {
        body = JSON.stringify(
          buildTable(d, out.items.map((i) => i.object), {
            include: includeObject(query),
            now: deps.clock.now(),
            resourceVersion: out.resourceVersion,
            continue: out.continue,
            remainingItemCount: out.remainingItemCount,
          }),
        );
      } else if (accept.shape === 'partial') {
        body = JSON.stringify({ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: out.resourceVersion, ...(out.continue ? { continue: out.continue } : {}) }, items: out.items.map((i) => partial(i.object)) });
      } else body = listJson(d, out);
      return sendJson(res, 200, body, { acceptEncoding: String(req.headers['accept-encoding'] ?? '') });
    }
    case 'watch': {
      check('watch');
      return serveWatch(deps, req, res, d, ns, info.name, query, accept);
    }
    case 'create': {
      if (sub) throw methodNotSupported({ group: d.group, resource: `${d.plural}/${sub}` }, 'create');
      check('create');
      if (info.name) throw methodNotSupported({ group: d.group, resource: d.plural }, 'create');
      const c = ctx();
      const body = decodeBody(await readBody(req), req.headers['content-type'], deps.protobuf, WRITE_TYPES).value;
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('the body of the request must be an object');
      const out = await objects.create(d, ns, body as KubeObject, c);
      return sendObject(deps, res, req, d, d.virtual ? 201 : 201, out, accept, query, c);
    }
    case 'update': {
      check('update');
      if (!info.name) throw methodNotSupported({ group: d.group, resource: d.plural }, 'update');
      const c = ctx();
      const body = decodeBody(await readBody(req), req.headers['content-type'], deps.protobuf, WRITE_TYPES).value;
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('the body of the request must be an object');
      const out = await objects.update(d, ns, info.name, body as KubeObject, c, sub);
      return sendObject(deps, res, req, d, 200, out, accept, query, c);
    }
    case 'patch': {
      check('patch');
      if (!info.name) throw methodNotSupported({ group: d.group, resource: d.plural }, 'patch');
      const c = ctx();
      const ct = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      const type = PATCH_CONTENT_TYPES[ct];
      if (!type)
        throw new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${Object.keys(PATCH_CONTENT_TYPES).join(', ')}`);
      const body = decodeBody(await readBody(req), ct, undefined, [ct]).value;
      const force = boolParam(query, 'force');
      if (force !== undefined && type !== 'apply') throw new StatusError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
      const out = await objects.patch(d, ns, info.name, type, body, c, { subresource: sub, force });
      return sendObject(deps, res, req, d, out.created ? 201 : 200, out, accept, query, c);
    }
    case 'delete': {
      check('delete');
      if (sub) throw methodNotSupported({ group: d.group, resource: `${d.plural}/${sub}` }, 'delete');
      const c = ctx();
      const opts = await readDeleteOptions(deps, req, query, c);
      const out = await objects.delete(d, ns, info.name!, opts, c);
      if (out.object) return sendObject(deps, res, req, d, out.deleted ? 200 : 200, { object: out.object }, { ...accept, shape: 'object' }, query, c);
      return sendJson(res, 200, JSON.stringify(out.status), { headers: warningHeaders(c.warnings) });
    }
    case 'deletecollection': {
      check('deletecollection');
      const c = ctx();
      const opts = await readDeleteOptions(deps, req, query, c);
      const out = await objects.deleteCollection(d, ns, { labelSelector: query.get('labelSelector') ?? undefined, fieldSelector: query.get('fieldSelector') ?? undefined }, opts, c);
      return sendJson(res, 200, listJson(d, out), { headers: warningHeaders(c.warnings) });
    }
    default:
      throw methodNotSupported({ group: d.group, resource: d.plural }, req.method ?? 'unknown');
  }
}
