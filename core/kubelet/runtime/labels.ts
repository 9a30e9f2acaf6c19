import type { ContainerSummary } from './types.js';

// The labels dockershim put on containers, so `docker ps` and tools that know them can tell
// which pod a container belongs to, plus Skiff's own: the kubelet finds its containers again
// through them after a restart, and never touches a container without `skiff.managed`.
export const LABEL_POD_NAME = 'io.kubernetes.pod.name';
export const LABEL_POD_NAMESPACE = 'io.kubernetes.pod.namespace';
export const LABEL_POD_UID = 'io.kubernetes.pod.uid';
export const LABEL_CONTAINER_NAME = 'io.kubernetes.container.name';
export const LABEL_DOCKER_TYPE = 'io.kubernetes.docker.type';
export const LABEL_MANAGED = 'skiff.managed';
export const LABEL_ATTEMPT = 'skiff.attempt';
export const LABEL_RESTART_COUNT = 'io.kubernetes.container.restartCount';
export const LABEL_CONTAINER_KIND = 'skiff.container.kind';
export const LABEL_TERMINATION_LOG = 'skiff.termination-log';
export const LABEL_CONTAINER_HASH = 'io.kubernetes.container.hash';
/** Which node's kubelet owns it: kubelets of different clusters may share one daemon (tests do). */
export const LABEL_NODE = 'skiff.node';

export const SANDBOX_CONTAINER_NAME = 'POD';
export const MANAGED = { [LABEL_MANAGED]: 'true' } as const;

export type ContainerKind = 'sandbox' | 'init' | 'regular';

export interface PodRef {
  name: string;
  namespace: string;
  uid: string;
}

export function containerLabels(pod: PodRef, container: string, kind: ContainerKind, attempt: number, restartCount: number): Record<string, string> {
  return {
    [LABEL_POD_NAME]: pod.name,
    [LABEL_POD_NAMESPACE]: pod.namespace,
    [LABEL_POD_UID]: pod.uid,
    [LABEL_CONTAINER_NAME]: kind === 'sandbox' ? SANDBOX_CONTAINER_NAME : container,
    [LABEL_DOCKER_TYPE]: kind === 'sandbox' ? 'podsandbox' : 'container',
    [LABEL_CONTAINER_KIND]: kind,
    [LABEL_ATTEMPT]: String(attempt),
    [LABEL_RESTART_COUNT]: String(restartCount),
    ...MANAGED,
  };
}

/** dockershim's naming: `k8s_<container>_<pod>_<namespace>_<uid>_<attempt>`. */
export function containerName(pod: PodRef, container: string, attempt: number): string {
  return ['k8s', container, pod.name, pod.namespace, pod.uid, attempt].join('_');
}

export function attemptOf(c: ContainerSummary): number {
  return Number(c.labels[LABEL_ATTEMPT] ?? 0) || 0;
}

export function restartCountOf(c: ContainerSummary): number {
  return Number(c.labels[LABEL_RESTART_COUNT] ?? 0) || 0;
}

export function isSandbox(c: ContainerSummary): boolean {
  return c.labels[LABEL_DOCKER_TYPE] === 'podsandbox';
}
