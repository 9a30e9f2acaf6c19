import type { KubeObject } from '../../api/types.js';
import { isAlreadyExists, isNotFound, type Client } from '../../client/index.js';
import { HASH_ANNOTATION, MIRROR_ANNOTATION, isMirrorPod } from './static-pods.js';

/**
 * The API's view of static pods: a mirror pod per static pod, named like it and carrying its
 * hash, which the kubelet recreates if someone deletes it and writes the status to.
 */
export class MirrorPods {
  constructor(private readonly config: { client: Client; nodeName: string }) {}

  /** The mirror of a static pod if it exists and matches this version of the manifest. */
  find(staticPod: KubeObject): KubeObject | undefined {
    const m = this.config.client.find('v1', 'Pod', staticPod.metadata.namespace, staticPod.metadata.name!);
    return m && m.metadata.annotations?.[MIRROR_ANNOTATION] === staticPod.metadata.uid ? m : undefined;
  }

  async ensure(staticPod: KubeObject): Promise<void> {
    const { client, nodeName } = this.config;
    const existing = client.find('v1', 'Pod', staticPod.metadata.namespace, staticPod.metadata.name!);
    if (existing && existing.metadata.annotations?.[MIRROR_ANNOTATION] === staticPod.metadata.uid && !existing.metadata.deletionTimestamp) return;
    if (existing) {
      if (!isMirrorPod(existing)) return;
      await this.deleteNow(existing);
    }
    const node = client.find('v1', 'Node', undefined, nodeName);
    const { uid: _uid, resourceVersion: _rv, creationTimestamp: _ct, ...meta } = staticPod.metadata;
    try {
      await client.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          ...meta,
          annotations: { ...meta.annotations, [MIRROR_ANNOTATION]: staticPod.metadata.uid! },
          ...(node ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: node.metadata.uid!, controller: true }] } : {}),
        },
        spec: staticPod.spec,
      });
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
  }

  async remove(staticPod: KubeObject): Promise<void> {
    const m = this.find(staticPod);
    if (m) await this.deleteNow(m);
  }

  /** The UID the runtime knows a pod by: a mirror pod's containers carry its static pod's. */
  runtimeUid(pod: KubeObject): string {
    return isMirrorPod(pod) ? pod.metadata.annotations![MIRROR_ANNOTATION]! : pod.metadata.uid!;
  }

  private async deleteNow(pod: KubeObject): Promise<void> {
    try {
      await this.config.client.delete('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

export { HASH_ANNOTATION };
