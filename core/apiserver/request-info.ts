import type { Verb } from '../registry/descriptor.js';

export interface ResourceRequest {
  type: 'resource';
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
  verb: Verb | 'connect';
}

export interface OtherRequest {
  type: 'other';
  path: string;
}

export type RequestInfo = ResourceRequest | OtherRequest;

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/**
 * Splits `/apis/apps/v1/namespaces/default/deployments/web/scale` into its parts, the way
 * upstream's RequestInfoFactory does, including the legacy `/watch/` prefix.
 */
export function parseRequestInfo(method: string, pathname: string, watchParam: boolean): RequestInfo {
  const parts = pathname.split('/').filter((p) => p !== '');
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 2) {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return { type: 'other', path: pathname };
  }
  if (rest.length === 0) return { type: 'other', path: pathname };
  let legacyWatch = false;
  if (rest[0] === 'watch') {
    legacyWatch = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 1) {
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2])) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
  }
  const [resource, name, subresource, ...extra] = rest;
  if (!resource || extra.length > 0 && subresource !== 'proxy') return { type: 'other', path: pathname };
  let verb: ResourceRequest['verb'];
  switch (method) {
    case 'GET':
    case 'HEAD':
      verb = legacyWatch || (watchParam && !name) ? 'watch' : name ? 'get' : 'list';
      if (watchParam && name && !subresource) verb = 'watch';
      break;
    case 'POST':
      verb = 'create';
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = name ? 'delete' : 'deletecollection';
      break;
    default:
      verb = 'connect';
  }
  return { type: 'resource', group, version, namespace, resource, name, subresource, verb };
}
