import { isAlreadyExists, isNotFound, runController, WorkQueue, type RunningController } from '../../client/index.js';
import type { ControllerContext } from '../types.js';

const NAME = 'kube-root-ca.crt';

/** Keeps a `kube-root-ca.crt` ConfigMap with the cluster CA in every namespace, as upstream does. */
export function rootCaPublisher(caCert: string) {
  return (ctx: ControllerContext): RunningController => {
    const queue = new WorkQueue({ clock: ctx.clock });
    const client = ctx.client.as('root-ca-cert-publisher');
    const namespaces = ctx.informers.for('v1', 'Namespace');
    const configMaps = ctx.informers.for('v1', 'ConfigMap');
    namespaces.on({ add: (ns) => queue.add(ns.metadata.name!), update: (ns) => queue.add(ns.metadata.name!) });
    configMaps.on({
      update: (cm) => cm.metadata.name === NAME && queue.add(cm.metadata.namespace!),
      delete: (cm) => cm.metadata.name === NAME && queue.add(cm.metadata.namespace!),
    });
    return runController({
      name: 'root-ca-cert-publisher',
      queue,
      logger: ctx.logger,
      async reconcile(ns) {
        const namespace = namespaces.get(undefined, ns);
        if (!namespace || namespace.metadata.deletionTimestamp) return;
        const cur = configMaps.get(ns, NAME);
        const data = { 'ca.crt': caCert };
        const annotations = { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' };
        try {
          if (!cur) await client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: NAME, namespace: ns, annotations }, data });
          else if (cur.data?.['ca.crt'] !== caCert) await client.update({ ...cur, data });
        } catch (err) {
          if (!isAlreadyExists(err) && !isNotFound(err)) throw err;
        }
      },
    });
  };
}
