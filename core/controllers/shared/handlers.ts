import type { KubeObject } from '../../api/types.js';
import { objectKey, type Informer, type WorkQueue } from '../../client/index.js';

/** Enqueues an object's own key on every change: the common case for a controller's primary kind. */
export function enqueueOwn(informer: Informer, queue: WorkQueue): () => void {
  const add = (o: KubeObject) => queue.add(objectKey(o));
  return informer.on({ add, update: (o) => add(o), delete: add });
}
