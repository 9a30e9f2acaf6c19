import type { KubeObject } from '../api/types.js';
import type { StoredValue } from '../store/index.js';
import { apiVersionOfDescriptor, type ResourceDescriptor } from './descriptor.js';

/** An object as a client asked for it: converted when the version differs, with its cached JSON when not. */
export interface Served {
  object: KubeObject;
  /** Present when `object` is exactly the stored bytes, so responses can reuse them. */
  json?: string;
}

export function served(d: ResourceDescriptor, v: StoredValue): Served {
  if (!d.converter) return { object: v.object, json: v.json };
  const object = d.converter.fromStorage(v.object);
  object.apiVersion = apiVersionOfDescriptor(d);
  object.kind = d.kind;
  return { object };
}

export function toStorage(d: ResourceDescriptor, obj: KubeObject): KubeObject {
  return d.converter ? d.converter.toStorage(obj) : obj;
}
