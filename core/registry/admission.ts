import type { KubeObject } from '../api/types.js';
import type { RequestContext } from './context.js';
import type { ResourceDescriptor } from './descriptor.js';

export type AdmissionOperation = 'create' | 'update' | 'delete';

export interface AdmissionRequest {
  operation: AdmissionOperation;
  descriptor: ResourceDescriptor;
  namespace?: string;
  /** The object about to be stored (a mutable draft for create and update). */
  object?: KubeObject;
  old?: KubeObject;
  subresource?: string;
  ctx: RequestContext;
}

/** Cluster-wide checks that do not belong to one kind (namespace lifecycle, service accounts). */
export interface AdmissionPlugin {
  name: string;
  admit(req: AdmissionRequest): void | Promise<void>;
}
