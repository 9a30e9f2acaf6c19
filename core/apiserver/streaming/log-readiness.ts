import { badRequest } from '../../api/errors.js';
import type { KubeObject } from '../../api/types.js';

interface ContainerState {
  waiting?: { reason?: string };
  running?: unknown;
  terminated?: { containerID?: string };
}

interface ContainerStatus {
  name: string;
  containerID?: string;
  state?: ContainerState;
  lastState?: ContainerState;
}

/**
 * Refuses a log request for a container that has no log to read, with the kubelet's
 * words (kubectl users and scripts match on them): waiting to start, never started, or
 * no previous instance. Judged from the pod's status, which our kubelet keeps current.
 */
export function checkLogReadable(pod: KubeObject, container: string, previous: boolean): void {
  const where = `container ${JSON.stringify(container)} in pod ${JSON.stringify(pod.metadata.name)}`;
  const status = pod.status ?? {};
  const all: ContainerStatus[] = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? []), ...(status.ephemeralContainerStatuses ?? [])];
  const cs = all.find((s) => s.name === container);
  if (!cs) {
    // Right after scheduling the kubelet has not reported yet; it is creating the container.
    if ((status.phase ?? 'Pending') === 'Pending') throw badRequest(`${where} is waiting to start: ContainerCreating`);
    throw badRequest(`${where} is not available`);
  }
  const state = cs.state ?? {};
  const last = cs.lastState ?? {};
  if (previous) {
    if (!last.terminated?.containerID) throw badRequest(`previous terminated ${where} not found`);
    return;
  }
  if (state.running) return;
  if (state.terminated) {
    if (!state.terminated.containerID && !last.terminated?.containerID) throw badRequest(`${where} is terminated`);
    return;
  }
  if (last.terminated) {
    if (!last.terminated.containerID) throw badRequest(`${where} is terminated`);
    return;
  }
  if (state.waiting) {
    const reason = state.waiting.reason ?? '';
    if (reason === 'ErrImagePull') throw badRequest(`${where} is waiting to start: image can't be pulled`);
    if (reason === 'ImagePullBackOff') throw badRequest(`${where} is waiting to start: trying and failing to pull image`);
    throw badRequest(`${where} is waiting to start: ${reason}`);
  }
  throw badRequest(`${where} is waiting to start - no logs yet`);
}
