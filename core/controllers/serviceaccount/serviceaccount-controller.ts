import { isAlreadyExists, isNotFound, runController, WorkQueue, type RunningController } from '../../client/index.js';
import type { ControllerContext } from '../types.js';

export interface ServiceAccountControllerConfig {
  /** The accounts every namespace gets (upstream: just `default`). */
  names?: string[];
}

/** Every active namespace has a `default` ServiceAccount; one deleted is made again. */
export function startServiceAccountController(ctx: ControllerContext, config: ServiceAccountControllerConfig = {}): RunningController {
  const names = config.names ?? ['default'];
  const client = ctx.client.as('service-account-controller');
  const queue = new WorkQueue({ clock: ctx.clock });
  const namespaces = ctx.informers.for('v1', 'Namespace');
  const accounts = ctx.informers.for('v1', 'ServiceAccount');
  const unsubscribe = [
    namespaces.on({ add: (ns) => queue.add(ns.metadata.name!), update: (ns) => queue.add(ns.metadata.name!) }),
    accounts.on({ delete: (sa) => names.includes(sa.metadata.name!) && queue.add(sa.metadata.namespace!) }),
  ];
  return runController({
    name: 'serviceaccount-controller',
    queue,
    logger: ctx.logger,
    async reconcile(ns) {
      const namespace = namespaces.get(undefined, ns);
      if (!namespace || namespace.metadata.deletionTimestamp || namespace.status?.phase === 'Terminating') return;
      for (const name of names) {
        if (accounts.get(ns, name)) continue;
        try {
          await client.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns } });
        } catch (err) {
          // The namespace may be going away (403/404), or the account appeared meanwhile.
          if (!isAlreadyExists(err) && !isNotFound(err) && (err as { code?: number }).code !== 403) throw err;
        }
      }
    },
    onStop: unsubscribe,
  });
}
