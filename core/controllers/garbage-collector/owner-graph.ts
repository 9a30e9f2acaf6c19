import type { Informer } from '../../client/index.js';
import type { KubeObject, OwnerReference } from '../../api/types.js';

export interface NodeRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
}

export function refOf(obj: KubeObject, informer: Informer): NodeRef {
  return { apiVersion: informer.apiVersion, kind: informer.kind, namespace: obj.metadata.namespace, name: obj.metadata.name!, uid: obj.metadata.uid! };
}

/** The owner → dependents graph, kept by uid over every informer the collector watches. */
export class OwnerGraph {
  private readonly byUid = new Map<string, { obj: KubeObject; informer: Informer }>();
  private readonly dependents = new Map<string, Set<string>>();

  upsert(obj: KubeObject, informer: Informer, old?: KubeObject): void {
    const uid = obj.metadata.uid!;
    if (old) this.unlinkOwners(old);
    this.byUid.set(uid, { obj, informer });
    for (const ref of obj.metadata.ownerReferences ?? []) {
      let set = this.dependents.get(ref.uid);
      if (!set) this.dependents.set(ref.uid, (set = new Set()));
      set.add(uid);
    }
  }

  remove(obj: KubeObject): void {
    this.unlinkOwners(obj);
    this.byUid.delete(obj.metadata.uid!);
  }

  private unlinkOwners(obj: KubeObject): void {
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const set = this.dependents.get(ref.uid);
      set?.delete(obj.metadata.uid!);
      if (set && !set.size) this.dependents.delete(ref.uid);
    }
  }

  get(uid: string): { obj: KubeObject; informer: Informer } | undefined {
    return this.byUid.get(uid);
  }

  dependentsOf(uid: string): Array<{ obj: KubeObject; informer: Informer }> {
    return [...(this.dependents.get(uid) ?? [])].map((u) => this.byUid.get(u)!).filter(Boolean);
  }

  /** The owner an ownerReference points at, when it exists with that uid. */
  owner(ref: OwnerReference): KubeObject | undefined {
    const hit = this.byUid.get(ref.uid);
    return hit && hit.obj.kind !== undefined ? hit.obj : hit?.obj;
  }
}
