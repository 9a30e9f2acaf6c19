// Every kind the dashboard lists, in navigation order.
import type { KindSpec } from './kind-spec.js';
import { cronjobs, daemonsets, deployments, jobs, pods, statefulsets } from './workloads.js';
import { configmaps, secrets, services } from './network-config.js';
import { events, namespaces, nodes } from './cluster-kinds.js';

export type { KindSpec, Column, KindAction } from './kind-spec.js';
export type { Tone, StatusText } from './tone.js';
export { podStatus, podReady, podRestarts, containerNames } from './pod-status.js';
export { nodeStatus } from './cluster-kinds.js';

export const KINDS: KindSpec[] = [pods, deployments, statefulsets, daemonsets, jobs, cronjobs, services, configmaps, secrets, events, namespaces, nodes];

export const SECTIONS = ['Workloads', 'Network', 'Configuration', 'Cluster'] as const;

export function kindByKey(key: string): KindSpec | undefined {
  return KINDS.find((k) => k.key === key);
}

export function kindOf(kind: string, apiVersion?: string): KindSpec | undefined {
  return KINDS.find((k) => k.kind === kind && (!apiVersion || k.apiVersion === apiVersion));
}
