import type { KubeObject } from '../../api/types.js';
import { isAlreadyExists, isNotFound, objectKey, runController, WorkQueue, type RunningController } from '../../client/index.js';
import type { ControllerContext } from '../types.js';
import { canonicalJson } from '../shared/hash.js';
import { HEADLESS_LABEL, isHeadless } from '../shared/service-pods.js';
import { matches, workloadSelector } from '../shared/selectors.js';
import { syncApiServerEndpoints, type ApiServerEndpoint } from './apiserver-endpoints.js';
import { endpointSubsets } from './endpoints-subsets.js';

async function tolerate(p: Promise<unknown>, harmless: (err: unknown) => boolean): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!harmless(err)) throw err;
  }
}

export interface EndpointsControllerConfig {
  /** Where the API server listens, for the `kubernetes` Service in `default`; left alone when unset. */
  apiServerEndpoint?: ApiServerEndpoint;
}

/**
 * core/v1 Endpoints for every Service with a selector: ready and not-ready addresses from the
 * pods' IPs, ports resolved by name or number. Services without a selector are left to their
 * owners, except `default/kubernetes`, which points at the API server when configured.
 */
export function startEndpointsController(ctx: ControllerContext, config: EndpointsControllerConfig = {}): RunningController {
  const client = ctx.client.as('endpoint-controller');
  const queue = new WorkQueue({ clock: ctx.clock });
  const services = ctx.informers.for('v1', 'Service');
  const pods = ctx.informers.for('v1', 'Pod');
  const endpoints = ctx.informers.for('v1', 'Endpoints');
  const forPod = (pod: KubeObject) => {
    for (const svc of services.byIndex('namespace', pod.metadata.namespace!)) if (matches(workloadSelector({ matchLabels: svc.spec?.selector }), pod.metadata.labels)) queue.add(objectKey(svc));
  };
  const unsubscribe = [
    services.on({ add: (s) => queue.add(objectKey(s)), update: (s) => queue.add(objectKey(s)), delete: (s) => queue.add(objectKey(s)) }),
    pods.on({
      add: forPod,
      update: (p, old) => {
        forPod(p);
        if (JSON.stringify(p.metadata.labels) !== JSON.stringify(old.metadata.labels)) forPod(old);
      },
      delete: forPod,
    }),
    endpoints.on({ delete: (e) => queue.add(objectKey(e)) }),
  ];
  return runController({
    name: 'endpoint-controller',
    queue,
    logger: ctx.logger,
    workers: 2,
    async reconcile(key) {
      const [ns, name] = key.split('/');
      const svc = services.getByKey(key);
      if (ns === 'default' && name === 'kubernetes') {
        if (svc && config.apiServerEndpoint) await syncApiServerEndpoints(client, config.apiServerEndpoint);
        return;
      }
      const current = endpoints.get(ns, name);
      if (!svc) {
        if (current) await tolerate(client.delete('v1', 'Endpoints', ns, name), isNotFound);
        return;
      }
      const selector = svc.spec?.selector;
      if (!selector || !Object.keys(selector).length) return;
      const sel = workloadSelector({ matchLabels: selector });
      const subsets = endpointSubsets(
        svc,
        pods.byIndex('namespace', ns).filter((p) => matches(sel, p.metadata.labels)),
      );
      const labels = { ...(svc.metadata.labels ?? {}), ...(isHeadless(svc) ? { [HEADLESS_LABEL]: '' } : {}) };
      const desired: KubeObject = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns, ...(Object.keys(labels).length ? { labels } : {}) }, ...(subsets.length ? { subsets } : {}) };
      if (!current) {
        await tolerate(client.create(desired), isAlreadyExists);
        return;
      }
      if (canonicalJson([current.subsets ?? [], current.metadata.labels ?? {}]) === canonicalJson([desired.subsets ?? [], labels])) return;
      const next: KubeObject = { ...current, metadata: { ...current.metadata, labels } };
      if (subsets.length) next.subsets = subsets;
      else delete next.subsets;
      await client.update(next);
    },
    onStop: unsubscribe,
  });
}
