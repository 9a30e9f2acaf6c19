import { isNotFound, runController, WorkQueue, type RunningController } from '../../client/index.js';
import type { ControllerContext } from '../types.js';

const RECHECK_MS = 300;

/**
 * Empties a terminating namespace, then clears its `kubernetes` finalizer so the namespace
 * itself goes. Objects that wait on finalizers or grace periods are checked again shortly.
 */
export function startNamespaceController(ctx: ControllerContext): RunningController {
  const queue = new WorkQueue({ clock: ctx.clock });
  const client = ctx.client.as('namespace-controller');
  const namespaces = ctx.informers.for('v1', 'Namespace');
  namespaces.on({
    add: (ns) => ns.metadata.deletionTimestamp && queue.add(ns.metadata.name!),
    update: (ns) => ns.metadata.deletionTimestamp && queue.add(ns.metadata.name!),
  });
  return runController({
    name: 'namespace',
    queue,
    logger: ctx.logger,
    async reconcile(name) {
      const ns = namespaces.get(undefined, name);
      if (!ns || !ns.metadata.deletionTimestamp) return;
      let remaining = 0;
      for (const t of client.resourceTypes()) {
        if (!t.namespaced || t.virtual || !t.verbs.includes('list') || t.alternateVersion) continue;
        const apiVersion = t.apiVersion;
        const d = t;
        for (const obj of client.list(apiVersion, d.plural, name).items) {
          remaining++;
          if (obj.metadata.deletionTimestamp) continue;
          try {
            await client.delete(apiVersion, d.plural, name, obj.metadata.name!, { propagationPolicy: 'Background' });
          } catch (err) {
            if (!isNotFound(err)) throw err;
          }
        }
      }
      if (remaining > 0) return { requeueAfterMs: RECHECK_MS };
      if ((ns.spec?.finalizers ?? []).includes('kubernetes')) {
        const next = { ...ns, spec: { ...ns.spec, finalizers: (ns.spec.finalizers as string[]).filter((f) => f !== 'kubernetes') } };
        try {
          await client.update(next, { subresource: 'finalize' });
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }
      return;
    },
  });
}
