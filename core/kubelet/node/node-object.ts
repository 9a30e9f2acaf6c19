import type { KubeObject } from '../../api/types.js';
import { rfc3339 } from '../../util/clock.js';
import type { RuntimeInfo } from '../runtime/types.js';

export const KUBELET_VERSION = 'v1.34.0';
export const MAX_PODS = 110;

export interface NodeFactsInput {
  name: string;
  hostIP: string;
  hostname: string;
  info: RuntimeInfo;
  ephemeralStorageBytes: number;
}

export function nodeLabels(name: string, info: Pick<RuntimeInfo, 'os' | 'architecture'>): Record<string, string> {
  return {
    'beta.kubernetes.io/arch': info.architecture,
    'beta.kubernetes.io/os': info.os,
    'kubernetes.io/arch': info.architecture,
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': info.os,
    'node-role.kubernetes.io/control-plane': '',
    'node.kubernetes.io/exclude-from-external-load-balancers': '',
  };
}

export function nodeCapacity(info: RuntimeInfo, ephemeralStorageBytes: number): Record<string, string> {
  return {
    cpu: String(info.cpus),
    'ephemeral-storage': `${Math.floor(ephemeralStorageBytes / 1024)}Ki`,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${Math.floor(info.memoryBytes / 1024)}Ki`,
    pods: String(MAX_PODS),
  };
}

export type Readiness = { ready: true } | { ready: false; message: string };

/** Ready plus the three pressure conditions, with upstream's reasons and messages. */
export function nodeConditions(readiness: Readiness, now: number, previous: any[] | undefined): any[] {
  const t = rfc3339(now);
  const list = [
    { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
    { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
    { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
    readiness.ready
      ? { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }
      : { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: readiness.message },
  ];
  const old = new Map((previous ?? []).map((c) => [c.type, c]));
  return list.map((c) => {
    const p = old.get(c.type);
    return { ...c, lastHeartbeatTime: t, lastTransitionTime: p && p.status === c.status ? p.lastTransitionTime : t };
  });
}

export function nodeStatus(input: NodeFactsInput, readiness: Readiness, now: number, previous: KubeObject | undefined): Record<string, any> {
  const capacity = nodeCapacity(input.info, input.ephemeralStorageBytes);
  return {
    capacity,
    allocatable: { ...capacity },
    conditions: nodeConditions(readiness, now, previous?.status?.conditions),
    addresses: [
      { type: 'InternalIP', address: input.hostIP },
      { type: 'Hostname', address: input.hostname },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: '',
      systemUUID: '',
      bootID: '',
      kernelVersion: input.info.kernelVersion,
      osImage: input.info.osImage,
      containerRuntimeVersion: `${input.info.runtimeName}://${input.info.runtimeVersion}`,
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: '',
      operatingSystem: input.info.os,
      architecture: input.info.architecture,
    },
  };
}
