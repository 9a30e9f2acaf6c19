import { badRequest, serviceUnavailable, type StatusError } from '../../api/errors.js';
import type { PodStreams } from '../../api/pod-streams.js';
import type { KubeObject } from '../../api/types.js';
import type { ApiServerDeps } from '../deps.js';
import type { ResourceDescriptor } from '../../registry/descriptor.js';
import type { ResourceRequest } from '../request-info.js';

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** The pod a streaming request names; a NotFound Status when it does not exist. */
export function loadPod(deps: ApiServerDeps, descriptor: ResourceDescriptor, info: ResourceRequest): KubeObject {
  return deps.objects.get(descriptor, info.namespace, info.name!).object;
}

/** Every container name in the order upstream lists them: init, regular, ephemeral. */
function containerNames(pod: KubeObject): string[] {
  const spec = pod.spec ?? {};
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].map((c: { name: string }) => c.name);
}

/**
 * The container a request is for, with upstream's messages when it cannot be told. Unlike
 * upstream (where only kubectl reads it) the default-container annotation is honoured too,
 * so other clients land in the same container kubectl would pick.
 */
export function chooseContainer(pod: KubeObject, requested: string | undefined): string {
  const name = pod.metadata.name;
  if (requested) {
    if (!containerNames(pod).includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${name}`);
    return requested;
  }
  const regular: string[] = (pod.spec?.containers ?? []).map((c: { name: string }) => c.name);
  if (regular.length === 1) return regular[0];
  if (regular.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
  const preferred = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (preferred && regular.includes(preferred)) return preferred;
  throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${containerNames(pod).join(' ')}]`);
}

/** exec, attach and port-forward need a node to talk to, as upstream. */
export function requireHost(pod: KubeObject): void {
  if (!pod.spec?.nodeName) throw badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
}

/** The Status for a cluster started with `--no-kubelet`: nothing runs containers. */
export function noKubelet(what: string, pod: KubeObject): StatusError {
  return serviceUnavailable(`cannot ${what} pod "${pod.metadata.name}": this cluster runs without a kubelet (started with --no-kubelet), so no container is running`);
}

export function requireStreams(streams: () => PodStreams | undefined, what: string, pod: KubeObject): PodStreams {
  const s = streams();
  if (!s) throw noKubelet(what, pod);
  return s;
}
