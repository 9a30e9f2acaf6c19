import type { KubeObject } from '../../../api/types.js';
import type { ResourceDescriptor } from '../../descriptor.js';

/**
 * autoscaling/v1 HorizontalPodAutoscaler, stored as v2: v1's CPU target is a v2 Resource
 * metric, as upstream converts it. Other v2 metrics have no v1 form and are kept as they are
 * stored when a v1 client writes back.
 */
function cpuMetric(percent: number) {
  return { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: percent } } };
}

export function hpaToStorage(v1: KubeObject): KubeObject {
  const { targetCPUUtilizationPercentage, ...spec } = v1.spec ?? {};
  const status = v1.status ?? {};
  const { currentCPUUtilizationPercentage, ...rest } = status;
  return {
    ...v1,
    apiVersion: 'autoscaling/v2',
    spec: { ...spec, ...(targetCPUUtilizationPercentage !== undefined ? { metrics: [cpuMetric(targetCPUUtilizationPercentage)] } : {}) },
    ...(v1.status
      ? {
          status: {
            ...rest,
            ...(currentCPUUtilizationPercentage !== undefined
              ? { currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: currentCPUUtilizationPercentage } } }] }
              : {}),
          },
        }
      : {}),
  };
}

export function hpaFromStorage(v2: KubeObject): KubeObject {
  const { metrics, behavior: _b, ...spec } = v2.spec ?? {};
  const cpu = (metrics ?? []).find((m: { type: string; resource?: { name: string } }) => m.type === 'Resource' && m.resource?.name === 'cpu');
  const { currentMetrics, conditions: _c, ...status } = v2.status ?? {};
  const currentCpu = (currentMetrics ?? []).find((m: { type: string; resource?: { name: string } }) => m.type === 'Resource' && m.resource?.name === 'cpu');
  return {
    ...v2,
    apiVersion: 'autoscaling/v1',
    spec: { ...spec, ...(cpu?.resource?.target?.averageUtilization !== undefined ? { targetCPUUtilizationPercentage: cpu.resource.target.averageUtilization } : {}) },
    ...(v2.status
      ? { status: { ...status, ...(currentCpu?.resource?.current?.averageUtilization !== undefined ? { currentCPUUtilizationPercentage: currentCpu.resource.current.averageUtilization } : {}) } }
      : {}),
  };
}

/** The v1 descriptor, derived from the stored v2 one. */
export function hpaV1Descriptor(v2: ResourceDescriptor): ResourceDescriptor {
  return {
    ...v2,
    version: 'v1',
    definition: 'io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler',
    converter: { toStorage: hpaToStorage, fromStorage: hpaFromStorage },
    // Defaults and validation run on the stored (v2) form.
    strategy: v2.strategy,
  };
}
