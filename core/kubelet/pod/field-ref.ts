import type { KubeObject } from '../../api/types.js';
import { parseQuantity } from '../util/quantity.js';

/** Node-level facts some field references fall back to. */
export interface NodeFacts {
  nodeName: string;
  hostIP: string;
  cpuCapacityMilli: number;
  memoryCapacityBytes: number;
  ephemeralStorageBytes: number;
}

export class ConfigError extends Error {}

/** The value of a downward-API fieldRef (env and volumes accept the same paths). */
export function fieldRefValue(pod: KubeObject, fieldPath: string, podIP: string, node: NodeFacts): string {
  const labelOrAnnotation = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(fieldPath);
  if (labelOrAnnotation) return (pod.metadata[labelOrAnnotation[1] as 'labels' | 'annotations'] ?? {})[labelOrAnnotation[2]] ?? '';
  switch (fieldPath) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'metadata.labels':
      return formatMap(pod.metadata.labels);
    case 'metadata.annotations':
      return formatMap(pod.metadata.annotations);
    case 'spec.nodeName':
      return node.nodeName;
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return node.hostIP;
    case 'status.podIP':
    case 'status.podIPs':
      return podIP;
    default:
      throw new ConfigError(`unsupported fieldPath: ${fieldPath}`);
  }
}

/** `key="value"` lines sorted by key, as the downward API writes label and annotation files. */
function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(m![k])}`)
    .join('\n');
}

/** A resourceFieldRef: the container's limit or request, or the node's capacity when no limit is set. */
export function resourceFieldValue(pod: KubeObject, containerName: string | undefined, resource: string, divisor: unknown, node: NodeFacts): string {
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const c = containers.find((x: any) => x.name === containerName);
  if (!c) throw new ConfigError(`container ${containerName ?? ''} not found for resourceFieldRef ${resource}`);
  const [kind, name] = resource.split('.') as [string, string];
  let value = parseQuantity(c.resources?.[kind === 'requests' ? 'requests' : 'limits']?.[name]);
  if (value === undefined && kind === 'limits') value = name === 'cpu' ? node.cpuCapacityMilli / 1000 : name === 'memory' ? node.memoryCapacityBytes : node.ephemeralStorageBytes;
  value ??= 0;
  const d = parseQuantity(divisor) || 1;
  // Upstream rounds CPU up to whole divisor units and everything else up too.
  return String(Math.ceil(value / d - 1e-9));
}
