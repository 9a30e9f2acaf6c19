import type { KubeObject } from '../../api/types.js';
import { podFromTemplate } from '../shared/pod-template.js';
import { COMPLETION_INDEX } from './indexes.js';

export const TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
const INDEX_ENV = 'JOB_COMPLETION_INDEX';

/** The labels the API server defaults onto a Job's template; added here when they are missing. */
export function jobPodLabels(job: KubeObject): Record<string, string> {
  return {
    'batch.kubernetes.io/controller-uid': job.metadata.uid!,
    'batch.kubernetes.io/job-name': job.metadata.name!,
    'controller-uid': job.metadata.uid!,
    'job-name': job.metadata.name!,
  };
}

/** The Job's selector: its own, or the controller-uid one the API server would have generated. */
export function jobSelector(job: KubeObject): any {
  return job.spec?.selector ?? { matchLabels: { 'batch.kubernetes.io/controller-uid': job.metadata.uid } };
}

function withIndexEnv(container: any): any {
  const env = container.env ?? [];
  if (env.some((e: { name: string }) => e.name === INDEX_ENV)) return container;
  return { ...container, env: [...env, { name: INDEX_ENV, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${COMPLETION_INDEX}']` } } }] };
}

/**
 * A pod for the Job, carrying the tracking finalizer. For an Indexed Job it is named
 * `<job>-<index>-<random>`, gets the index as annotation and label, the hostname `<job>-<index>`,
 * and the JOB_COMPLETION_INDEX variable in every container (read from the label by the kubelet).
 */
export function jobPod(job: KubeObject, index?: number): KubeObject {
  const template = structuredClone(job.spec?.template ?? {});
  const labels = { ...jobPodLabels(job), ...(template.metadata?.labels ?? {}) };
  if (index === undefined) return podFromTemplate({ ...template, metadata: { ...template.metadata, labels } }, job, { extraFinalizers: [TRACKING_FINALIZER] });
  template.spec = {
    ...template.spec,
    hostname: `${job.metadata.name}-${index}`,
    containers: (template.spec?.containers ?? []).map(withIndexEnv),
    ...(template.spec?.initContainers ? { initContainers: template.spec.initContainers.map(withIndexEnv) } : {}),
  };
  return podFromTemplate({ ...template, metadata: { ...template.metadata, labels } }, job, {
    generateName: `${job.metadata.name}-${index}-`,
    extraLabels: { [COMPLETION_INDEX]: String(index) },
    extraAnnotations: { [COMPLETION_INDEX]: String(index) },
    extraFinalizers: [TRACKING_FINALIZER],
  });
}
