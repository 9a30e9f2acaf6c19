import type { KubeObject } from '../../api/types.js';
import { newControllerRef } from './owner-refs.js';

export interface PodFromTemplateOptions {
  /** A fixed name; otherwise `generateName` (default `<owner>-`) plus the API server's random suffix. */
  name?: string;
  generateName?: string;
  extraLabels?: Record<string, string>;
  extraAnnotations?: Record<string, string>;
  extraFinalizers?: string[];
}

/** Upstream's GetPodFromTemplate: labels, annotations, finalizers and spec from the template; the owner as controller. */
export function podFromTemplate(template: KubeObject | undefined, owner: KubeObject, opts: PodFromTemplateOptions = {}): KubeObject {
  const t = structuredClone(template ?? { metadata: {} }) as KubeObject;
  const meta = t.metadata ?? {};
  const labels = { ...(meta.labels ?? {}), ...(opts.extraLabels ?? {}) };
  const annotations = { ...(meta.annotations ?? {}), ...(opts.extraAnnotations ?? {}) };
  const finalizers = [...(meta.finalizers ?? []), ...(opts.extraFinalizers ?? [])];
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(opts.name ? { name: opts.name } : { generateName: opts.generateName ?? `${owner.metadata.name}-` }),
      namespace: owner.metadata.namespace,
      ownerReferences: [newControllerRef(owner)],
    },
    spec: t.spec ?? {},
  };
  if (Object.keys(labels).length) pod.metadata.labels = labels;
  if (Object.keys(annotations).length) pod.metadata.annotations = annotations;
  if (finalizers.length) pod.metadata.finalizers = finalizers;
  return pod;
}

/** Runs `count` calls in batches of 1, 2, 4, … and stops at the first batch with a failure (upstream's slowStartBatch). */
export async function slowStartBatch(count: number, initial: number, fn: (i: number) => Promise<unknown>): Promise<{ successes: number; error?: unknown }> {
  let remaining = count;
  let successes = 0;
  let index = 0;
  for (let batch = Math.min(remaining, initial); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn(index++)));
    successes += results.filter((r) => r.status === 'fulfilled').length;
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) return { successes, error: failed.reason };
    remaining -= batch;
  }
  return { successes };
}
