import { StatusError, badRequest, conflict, notFound } from '../api/errors.js';
import type { KubeObject } from '../api/types.js';
import type { RequestContext } from './context.js';
import type { ObjectAPI } from './object-api.js';

/** Binds a pod to a node, as the scheduler's POST of a Binding does: once, and only if unbound. */
export async function bindPod(objects: ObjectAPI, namespace: string, podName: string, binding: KubeObject, ctx: RequestContext): Promise<void> {
  const target = binding?.target;
  if (!target?.name) throw badRequest('Binding.target.name is required');
  if (target.kind && target.kind !== 'Node') throw badRequest(`Binding.target.kind must be Node, not ${target.kind}`);
  const d = objects.registry.lookup('', 'v1', 'pods')!;
  const cur = objects.getStored(d, namespace, podName);
  if (!cur) throw notFound({ group: '', resource: 'pods' }, podName);
  const pod = cur.object;
  if (pod.metadata.deletionTimestamp) throw new StatusError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${podName}": pod ${podName} is being deleted, cannot be assigned to a host`);
  if (pod.spec?.nodeName) throw conflict({ group: '', resource: 'pods/binding' }, podName, `pod ${podName} is already assigned to node "${pod.spec.nodeName}"`);
  if (binding.metadata?.uid && binding.metadata.uid !== pod.metadata.uid) throw conflict({ group: '', resource: 'pods/binding' }, podName, 'the UID of the binding does not match the pod');
  const now = new Date(ctx.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
  const conditions = (pod.status?.conditions ?? []).filter((c: { type: string }) => c.type !== 'PodScheduled');
  const next = {
    ...pod,
    spec: { ...pod.spec, nodeName: target.name },
    metadata: { ...pod.metadata, annotations: { ...pod.metadata.annotations, ...(binding.metadata?.annotations ?? {}) } },
  };
  if (!Object.keys(next.metadata.annotations).length) delete (next.metadata as { annotations?: unknown }).annotations;
  // spec.nodeName is otherwise immutable: the binding writes it through the pod's storage directly, with CAS.
  const statusPod = { ...next, status: { ...pod.status, conditions: [...conditions, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now }] } };
  await objects.store.commit([{ type: 'update', key: cur.key, object: JSON.parse(JSON.stringify(statusPod)), expectRev: cur.rev }]).catch((err) => {
    throw conflict({ group: '', resource: 'pods/binding' }, podName, String((err as Error).message));
  });
}
