import type { KubeObject, OwnerReference } from '../../api/types.js';

export function controllerRefOf(obj: KubeObject): OwnerReference | undefined {
  return (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
}

/** The owner reference a controller puts on what it creates (the GC relies on both flags). */
export function newControllerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** Informer indexer name and function: dependents by their controller's uid. */
export const CONTROLLER_UID_INDEX = 'controller-uid';

export function controllerUidIndexer(obj: KubeObject): string[] {
  const ref = controllerRefOf(obj);
  return ref ? [ref.uid] : [];
}

export function ownerKey(obj: KubeObject, ref: OwnerReference): string {
  return `${obj.metadata.namespace}/${ref.name}`;
}

/** Whether `ref` names an object of this apiVersion group and kind. */
export function refersToKind(ref: OwnerReference | undefined, group: string, kind: string): ref is OwnerReference {
  if (!ref || ref.kind !== kind) return false;
  const g = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
  return g === group;
}
