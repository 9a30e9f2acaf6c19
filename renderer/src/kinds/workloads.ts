import type { KubeObject } from '../bridge/index.js';
import type { KindSpec } from './kind-spec.js';
import type { StatusText } from './tone.js';
import { ageColumn, conditionTrue, nameColumn, namespaceColumn } from './common-columns.js';
import { podReady, podRestarts, podStatus } from './pod-status.js';

function replicasStatus(ready: number, want: number): StatusText {
  if (want === 0) return { text: 'Scaled to 0', tone: 'idle' };
  if (ready >= want) return { text: 'Ready', tone: 'ok' };
  return { text: 'Progressing', tone: 'warn' };
}

export const pods: KindSpec = {
  key: 'pods',
  title: 'Pods',
  apiVersion: 'v1',
  kind: 'Pod',
  namespaced: true,
  section: 'Workloads',
  status: podStatus,
  actions: ['logs', 'shell', 'delete'],
  columns: [
    nameColumn,
    namespaceColumn,
    { id: 'ready', title: 'Ready', width: '60px', value: podReady, align: 'end' },
    { id: 'status', title: 'Status', width: 'minmax(120px, 1fr)', value: (o) => podStatus(o).text, tone: (o) => podStatus(o).tone },
    { id: 'restarts', title: 'Restarts', width: '80px', value: podRestarts, align: 'end', tone: (o) => (podRestarts(o) > 0 ? 'warn' : undefined) },
    { id: 'node', title: 'Node', width: 'minmax(80px, 1fr)', value: (o) => o.spec?.nodeName ?? '' },
    { id: 'ip', title: 'IP', width: '110px', value: (o) => o.status?.podIP ?? '' },
    ageColumn,
  ],
};

const deploymentStatus = (o: KubeObject) => replicasStatus(o.status?.readyReplicas ?? 0, o.spec?.replicas ?? 1);

export const deployments: KindSpec = {
  key: 'deployments',
  title: 'Deployments',
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespaced: true,
  section: 'Workloads',
  status: deploymentStatus,
  actions: ['scale', 'restart', 'delete'],
  columns: [
    nameColumn,
    namespaceColumn,
    { id: 'ready', title: 'Ready', width: '70px', value: (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`, tone: (o) => deploymentStatus(o).tone, align: 'end' },
    { id: 'uptodate', title: 'Up-to-date', width: '86px', value: (o) => o.status?.updatedReplicas ?? 0, align: 'end' },
    { id: 'available', title: 'Available', width: '80px', value: (o) => o.status?.availableReplicas ?? 0, align: 'end' },
    { id: 'status', title: 'Status', width: '110px', value: (o) => deploymentStatus(o).text, tone: (o) => deploymentStatus(o).tone },
    ageColumn,
  ],
};

const stsStatus = (o: KubeObject) => replicasStatus(o.status?.readyReplicas ?? 0, o.spec?.replicas ?? 1);

export const statefulsets: KindSpec = {
  key: 'statefulsets',
  title: 'StatefulSets',
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  namespaced: true,
  section: 'Workloads',
  status: stsStatus,
  actions: ['scale', 'restart', 'delete'],
  columns: [
    nameColumn,
    namespaceColumn,
    { id: 'ready', title: 'Ready', width: '70px', value: (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`, tone: (o) => stsStatus(o).tone, align: 'end' },
    { id: 'status', title: 'Status', width: '110px', value: (o) => stsStatus(o).text, tone: (o) => stsStatus(o).tone },
    ageColumn,
  ],
};

const dsStatus = (o: KubeObject) => replicasStatus(o.status?.numberReady ?? 0, o.status?.desiredNumberScheduled ?? 0);

export const daemonsets: KindSpec = {
  key: 'daemonsets',
  title: 'DaemonSets',
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  namespaced: true,
  section: 'Workloads',
  status: dsStatus,
  actions: ['restart', 'delete'],
  columns: [
    nameColumn,
    namespaceColumn,
    { id: 'desired', title: 'Desired', width: '70px', value: (o) => o.status?.desiredNumberScheduled ?? 0, align: 'end' },
    { id: 'ready', title: 'Ready', width: '60px', value: (o) => o.status?.numberReady ?? 0, tone: (o) => dsStatus(o).tone, align: 'end' },
    { id: 'status', title: 'Status', width: '110px', value: (o) => dsStatus(o).text, tone: (o) => dsStatus(o).tone },
    ageColumn,
  ],
};

function jobStatus(o: KubeObject): StatusText {
  if (conditionTrue(o, 'Complete')) return { text: 'Complete', tone: 'idle' };
  if (conditionTrue(o, 'Failed')) return { text: 'Failed', tone: 'bad' };
  if (o.spec?.suspend) return { text: 'Suspended', tone: 'idle' };
  return { text: 'Running', tone: 'info' };
}

export const jobs: KindSpec = {
  key: 'jobs',
  title: 'Jobs',
  apiVersion: 'batch/v1',
  kind: 'Job',
  namespaced: true,
  section: 'Workloads',
  status: jobStatus,
  actions: ['delete'],
  columns: [
    nameColumn,
    namespaceColumn,
    { id: 'completions', title: 'Completions', width: '96px', value: (o) => `${o.status?.succeeded ?? 0}/${o.spec?.completions ?? 1}`, align: 'end' },
    { id: 'status', title: 'Status', width: '100px', value: (o) => jobStatus(o).text, tone: (o) => jobStatus(o).tone },
    ageColumn,
  ],
};

export const cronjobs: KindSpec = {
  key: 'cronjobs',
  title: 'CronJobs',
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  namespaced: true,
  section: 'Workloads',
  status: (o) => (o.spec?.suspend ? { text: 'Suspended', tone: 'idle' } : { text: 'Scheduled', tone: 'ok' }),
  actions: ['delete'],
  columns: [
    nameColumn,
    namespaceColumn,
    { id: 'schedule', title: 'Schedule', width: 'minmax(100px, 1fr)', value: (o) => o.spec?.schedule ?? '' },
    { id: 'suspend', title: 'Suspend', width: '70px', value: (o) => (o.spec?.suspend ? 'True' : 'False') },
    { id: 'active', title: 'Active', width: '60px', value: (o) => (o.status?.active ?? []).length, align: 'end' },
    { id: 'last', title: 'Last schedule', width: '100px', value: (o, now) => (o.status?.lastScheduleTime ? ageColumn.value({ metadata: { creationTimestamp: o.status.lastScheduleTime } }, now) : '') },
    ageColumn,
  ],
};
