import { forbidden } from '../../api/errors.js';
import type { KubeObject } from '../../api/types.js';
import type { Store } from '../../store/index.js';
import type { AdmissionPlugin } from '../admission.js';
import { keyFor } from '../keys.js';
import { generatedName } from '../object-meta.js';

export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const SERVICE_ACCOUNTS = { group: '', plural: 'serviceaccounts', namespaced: true };

function tokenVolume(name: string) {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

/**
 * Upstream's ServiceAccount admission: a pod runs as an existing service account, and unless
 * either says otherwise it gets the projected token volume that in-cluster clients read.
 */
export function serviceAccountAdmission(store: Store): AdmissionPlugin {
  return {
    name: 'ServiceAccount',
    admit(req) {
      const d = req.descriptor;
      if (req.operation !== 'create' || d.group !== '' || d.plural !== 'pods' || !req.object) return;
      const pod: KubeObject = req.object;
      if (pod.metadata.annotations?.['kubernetes.io/config.mirror']) return;
      const ns = pod.metadata.namespace!;
      pod.spec ??= {};
      const saName: string = pod.spec.serviceAccountName || pod.spec.serviceAccount || 'default';
      pod.spec.serviceAccountName = saName;
      pod.spec.serviceAccount = saName;
      const sa = store.get(keyFor(SERVICE_ACCOUNTS, ns, saName))?.object;
      if (!sa)
        throw forbidden(`pods "${pod.metadata.name ?? pod.metadata.generateName ?? ''}" is forbidden: error looking up service account ${ns}/${saName}: serviceaccount "${saName}" not found`, {
          name: pod.metadata.name,
          kind: 'pods',
        });
      const automount = pod.spec.automountServiceAccountToken ?? sa.automountServiceAccountToken ?? true;
      if (!automount) return;
      const containers: Array<{ volumeMounts?: Array<{ mountPath: string }> }> = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])];
      if (containers.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === TOKEN_MOUNT_PATH))) return;
      const name = generatedName('kube-api-access-');
      pod.spec.volumes = [...(pod.spec.volumes ?? []), tokenVolume(name)];
      for (const c of containers) c.volumeMounts = [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath: TOKEN_MOUNT_PATH }];
    },
  };
}
