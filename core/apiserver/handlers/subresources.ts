import { StatusError, badRequest, notFound, successStatus, tooManyRequests } from '../../api/errors.js';
import { matchesSelectorObject } from '../../api/labels.js';
import type { KubeObject } from '../../api/types.js';
import { bindPod } from '../../registry/binding.js';
import { decodeBody, readBody } from '../body.js';
import type { SubresourceCall, SubresourceHandler } from '../deps.js';
import { requestContext } from '../request-context.js';
import { sendJson } from '../respond.js';
import type { ServiceAccountTokens } from '../tokens.js';

const TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

async function body(call: SubresourceCall): Promise<KubeObject> {
  if (call.req.method !== 'POST') throw new StatusError(405, 'MethodNotAllowed', `${call.req.method} is not supported on ${call.descriptor.plural}/${call.info.subresource}`);
  const v = decodeBody(await readBody(call.req), call.req.headers['content-type'], call.deps.protobuf, TYPES).value;
  if (!v || typeof v !== 'object') throw badRequest('the body must be an object');
  return v as KubeObject;
}

const binding: SubresourceHandler = async (call) => {
  const b = await body(call);
  const ctx = requestContext(call.req, call.query, call.user, call.deps.clock);
  await bindPod(call.deps.objects, call.info.namespace!, call.info.name!, b, ctx);
  sendJson(call.res, 201, JSON.stringify(successStatus()));
};

const eviction: SubresourceHandler = async (call) => {
  const ev = await body(call);
  const { objects, registry } = call.deps;
  const ns = call.info.namespace!;
  const name = call.info.name!;
  const podD = registry.lookup('', 'v1', 'pods')!;
  const pod = objects.get(podD, ns, name).object;
  const ctx = requestContext(call.req, call.query, call.user, call.deps.clock);
  const pdbD = registry.lookup('policy', 'v1', 'poddisruptionbudgets');
  const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  if (pdbD && !terminal && !pod.metadata.deletionTimestamp) {
    for (const { object: pdb } of objects.list(pdbD, ns).items) {
      if (!matchesSelectorObject(pdb.spec?.selector, pod.metadata.labels)) continue;
      if ((pdb.status?.disruptionsAllowed ?? 0) < 1)
        throw tooManyRequests(`Cannot evict pod as it would violate the pod's disruption budget.`, 10);
    }
  }
  const opts = ev.deleteOptions ?? {};
  if (Array.isArray(opts.dryRun) && opts.dryRun.includes('All')) ctx.dryRun = true;
  await objects.delete(podD, ns, name, { gracePeriodSeconds: opts.gracePeriodSeconds, preconditions: opts.preconditions, propagationPolicy: opts.propagationPolicy }, ctx);
  sendJson(call.res, 201, JSON.stringify(successStatus()));
};

/** `serviceaccounts/token`: a TokenRequest answered with a signed token for that account. */
export function tokenHandler(issuer: () => ServiceAccountTokens | undefined): SubresourceHandler {
  return async (call) => {
    const tokens = issuer();
    if (!tokens) throw new StatusError(503, 'ServiceUnavailable', 'the token issuer is not running yet');
    const tr = await body(call);
    const { objects, registry } = call.deps;
    const ns = call.info.namespace!;
    const name = call.info.name!;
    const sa = objects.getStored(registry.lookup('', 'v1', 'serviceaccounts')!, ns, name);
    if (!sa) throw notFound({ group: '', resource: 'serviceaccounts' }, name);
    const spec = tr.spec ?? {};
    const expirationSeconds = Math.max(600, Math.min(spec.expirationSeconds ?? 3600, 48 * 3600));
    let pod: { name: string; uid: string } | undefined;
    if (spec.boundObjectRef?.kind === 'Pod') {
      const p = objects.getStored(registry.lookup('', 'v1', 'pods')!, ns, spec.boundObjectRef.name);
      if (!p) throw notFound({ group: '', resource: 'pods' }, spec.boundObjectRef.name);
      pod = { name: p.object.metadata.name!, uid: p.object.metadata.uid! };
    }
    const audiences = spec.audiences?.length ? spec.audiences : ['https://kubernetes.default.svc.cluster.local'];
    const issued = tokens.issue({ namespace: ns, serviceAccount: { name, uid: sa.object.metadata.uid! }, pod, audiences, expirationSeconds });
    const out = {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name, namespace: ns, creationTimestamp: null },
      spec: { audiences, expirationSeconds, boundObjectRef: spec.boundObjectRef ?? null },
      status: issued,
    };
    sendJson(call.res, 201, JSON.stringify(out));
  };
}

export const builtinSubresources: Record<string, SubresourceHandler> = {
  'pods/binding': binding,
  'pods/eviction': eviction,
};
