import type { KubeObject } from '../../api/types.js';
import { isNotFound, objectKey, runController, WorkQueue, type RunningController } from '../../client/index.js';
import type { ControllerContext } from '../types.js';
import { canonicalJson } from '../shared/hash.js';
import { newControllerRef } from '../shared/owner-refs.js';
import { HEADLESS_LABEL, isHeadless } from '../shared/service-pods.js';
import { matches, workloadSelector } from '../shared/selectors.js';
import { desiredSlices, type SliceContent } from './slice-endpoints.js';

export const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const SERVICE_NAME = 'kubernetes.io/service-name';

function sliceLabels(svc: KubeObject): Record<string, string> {
  return { ...(svc.metadata.labels ?? {}), ...(isHeadless(svc) ? { [HEADLESS_LABEL]: '' } : {}), [SERVICE_NAME]: svc.metadata.name!, [MANAGED_BY]: CONTROLLER_NAME };
}

/**
 * EndpointSlices for every Service with a selector, owned by the Service and labelled as
 * upstream's controller labels them. Existing slices are reused in place; a Service with no
 * endpoints keeps one empty placeholder slice, as upstream does.
 */
export function startEndpointSliceController(ctx: ControllerContext): RunningController {
  const client = ctx.client.as('endpointslice-controller');
  const queue = new WorkQueue({ clock: ctx.clock });
  const services = ctx.informers.for('v1', 'Service');
  const pods = ctx.informers.for('v1', 'Pod');
  const nodes = ctx.informers.for('v1', 'Node');
  const slices = ctx.informers.for('discovery.k8s.io/v1', 'EndpointSlice');
  slices.addIndexer(SERVICE_NAME, (s) => (s.metadata.labels?.[MANAGED_BY] === CONTROLLER_NAME && s.metadata.labels?.[SERVICE_NAME] ? [`${s.metadata.namespace}/${s.metadata.labels[SERVICE_NAME]}`] : []));
  const forPod = (pod: KubeObject) => {
    for (const svc of services.byIndex('namespace', pod.metadata.namespace!)) if (matches(workloadSelector({ matchLabels: svc.spec?.selector }), pod.metadata.labels)) queue.add(objectKey(svc));
  };
  const unsubscribe = [
    services.on({ add: (s) => queue.add(objectKey(s)), update: (s) => queue.add(objectKey(s)) }),
    pods.on({
      add: forPod,
      update: (p, old) => {
        forPod(p);
        if (JSON.stringify(p.metadata.labels) !== JSON.stringify(old.metadata.labels)) forPod(old);
      },
      delete: forPod,
    }),
    slices.on({ update: (s) => s.metadata.labels?.[SERVICE_NAME] && queue.add(`${s.metadata.namespace}/${s.metadata.labels[SERVICE_NAME]}`), delete: (s) => s.metadata.labels?.[SERVICE_NAME] && queue.add(`${s.metadata.namespace}/${s.metadata.labels[SERVICE_NAME]}`) }),
  ];

  return runController({
    name: 'endpointslice-controller',
    queue,
    logger: ctx.logger,
    workers: 2,
    async reconcile(key) {
      const svc = services.getByKey(key);
      if (!svc || svc.metadata.deletionTimestamp) return;
      const selector = svc.spec?.selector;
      if (!selector || !Object.keys(selector).length) return;
      const sel = workloadSelector({ matchLabels: selector });
      const ns = svc.metadata.namespace!;
      const zoneOf = (n: string) => nodes.get(undefined, n)?.metadata.labels?.['topology.kubernetes.io/zone'];
      let want: SliceContent[] = desiredSlices(
        svc,
        pods.byIndex('namespace', ns).filter((p) => matches(sel, p.metadata.labels)),
        zoneOf,
      );
      if (!want.length) want = [{ ports: [], endpoints: [] }];
      const labels = sliceLabels(svc);
      const existing = slices.byIndex(SERVICE_NAME, key).filter((s) => s.metadata.ownerReferences?.some((r) => r.uid === svc.metadata.uid));
      const body = (c: SliceContent) => ({ addressType: 'IPv4', endpoints: c.endpoints, ports: c.ports });
      const unused = [...existing];
      for (const c of want) {
        const same = unused.findIndex((s) => canonicalJson(s.ports ?? []) === canonicalJson(c.ports));
        const slice = same >= 0 ? unused.splice(same, 1)[0] : unused.shift();
        if (!slice) {
          await client.create({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { generateName: `${svc.metadata.name}-`, namespace: ns, labels, ownerReferences: [newControllerRef(svc)] }, ...body(c) });
          continue;
        }
        if (canonicalJson([slice.addressType, slice.endpoints ?? [], slice.ports ?? [], slice.metadata.labels]) === canonicalJson(['IPv4', c.endpoints, c.ports, labels])) continue;
        await client.update({ ...slice, metadata: { ...slice.metadata, labels }, ...body(c) });
      }
      for (const s of unused) {
        try {
          await client.delete('discovery.k8s.io/v1', 'EndpointSlice', ns, s.metadata.name!);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }
    },
    onStop: unsubscribe,
  });
}
