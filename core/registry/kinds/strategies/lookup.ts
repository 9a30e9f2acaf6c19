import type { KubeObject } from '../../../api/types.js';

/**
 * Read access to other stored objects, for the few defaults upstream takes from the cluster
 * (service accounts, priority classes, the default storage and ingress classes). Synchronous on
 * purpose: the hooks that need it run before validation, as upstream's mutating admission does.
 */
export interface ObjectLookup {
  get(group: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  list(group: string, kind: string, namespace?: string): KubeObject[];
}
