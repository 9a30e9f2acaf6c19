import { StatusError, forbidden, notFound } from '../../api/errors.js';
import type { Store } from '../../store/index.js';
import type { AdmissionPlugin } from '../admission.js';
import { keyFor } from '../keys.js';

const IMMORTAL = new Set(['default', 'kube-system', 'kube-public']);
const NAMESPACES = { group: '', plural: 'namespaces', namespaced: false };

/** New objects need a live namespace; the system namespaces cannot be deleted. */
export function namespaceLifecycle(store: Store): AdmissionPlugin {
  return {
    name: 'NamespaceLifecycle',
    admit(req) {
      const d = req.descriptor;
      if (d.group === '' && d.plural === 'namespaces') {
        const name = req.old?.metadata.name;
        if (req.operation === 'delete' && name && IMMORTAL.has(name))
          throw forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' });
        return;
      }
      if (!d.namespaced || req.operation !== 'create' || d.virtual) return;
      const ns = req.namespace ?? req.object?.metadata.namespace;
      if (!ns) return;
      const v = store.get(keyFor(NAMESPACES, undefined, ns));
      if (!v) throw notFound({ group: '', resource: 'namespaces' }, ns);
      if (v.object.metadata.deletionTimestamp || v.object.status?.phase === 'Terminating')
        throw new StatusError(403, 'Forbidden', `${d.plural}${d.group ? '.' + d.group : ''} "${req.object?.metadata.name ?? ''}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`, {
          name: req.object?.metadata.name,
          group: d.group || undefined,
          kind: d.plural,
          causes: [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }],
        });
    },
  };
}
