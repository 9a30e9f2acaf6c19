import type { KubeObject } from '../../../../api/types.js';
import { generatedName } from '../../../object-meta.js';
import { isObject, listOf } from '../common/field.js';

// What upstream's ServiceAccount admission plugin does to a new pod: name the account and
// project a token, the cluster CA and the namespace into every container.

type Obj = Record<string, any>;

export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const VOLUME_PREFIX = 'kube-api-access-';

/** The projected volume the kubelet fills; 3607 s is upstream's warn-only bound token lifetime. */
export function tokenVolume(name: string): Obj {
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
 * Mounts the API token unless the pod or its ServiceAccount opts out. Containers that already
 * mount something at the token path keep it; an existing kube-api-access-* volume is reused.
 */
export function mountServiceAccountToken(pod: KubeObject, account?: KubeObject, volumeName = generatedName(VOLUME_PREFIX)): void {
  const spec = pod.spec as Obj;
  if (!isObject(spec)) return;
  spec.serviceAccountName ||= 'default';
  spec.serviceAccount = spec.serviceAccountName;
  if (account && !listOf(spec.imagePullSecrets).length && listOf(account.imagePullSecrets).length) spec.imagePullSecrets = structuredClone(account.imagePullSecrets);
  const automount = spec.automountServiceAccountToken ?? account?.automountServiceAccountToken ?? true;
  if (automount === false) return;
  const existing = listOf(spec.volumes).find((v) => typeof v?.name === 'string' && v.name.startsWith(VOLUME_PREFIX));
  const name = existing?.name ?? volumeName;
  let needed = false;
  for (const c of [...listOf(spec.initContainers), ...listOf(spec.containers)]) {
    if (!isObject(c)) continue;
    if (listOf(c.volumeMounts).some((m) => m?.mountPath === TOKEN_MOUNT_PATH)) continue;
    c.volumeMounts = [...listOf(c.volumeMounts), { name, readOnly: true, mountPath: TOKEN_MOUNT_PATH }];
    needed = true;
  }
  if (needed && !existing) spec.volumes = [...listOf(spec.volumes), tokenVolume(name)];
}
