import { addQuantity, compareQuantity, tryParseQuantity, type Quantity } from '../common/quantity.js';
import { isObject, listOf } from '../common/field.js';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = new Set(['cpu', 'memory']);

/**
 * The pod's QoS class as the API server stamps it on create. Only cpu and memory count; pod-level
 * resources, when given, replace the containers' (PodLevelResources is on by default in 1.34).
 */
export function qosClassOf(podSpec: Record<string, any> | undefined): QOSClass {
  const spec = podSpec ?? {};
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const add = (into: Map<string, Quantity>, list: unknown): Set<string> => {
    const found = new Set<string>();
    for (const [name, raw] of Object.entries(isObject(list) ? list : {})) {
      const q = tryParseQuantity(raw);
      if (!QOS_RESOURCES.has(name) || !q || q.mantissa <= 0n) continue;
      found.add(name);
      const prev = into.get(name);
      into.set(name, prev ? addQuantity(prev, q) : q);
    }
    return found;
  };
  const podLevel = isObject(spec.resources) && (Object.keys(spec.resources.requests ?? {}).length > 0 || Object.keys(spec.resources.limits ?? {}).length > 0);
  const sources = podLevel ? [spec.resources] : [...listOf(spec.containers), ...listOf(spec.initContainers)].map((c) => c?.resources ?? {});
  for (const r of sources) {
    add(requests, r.requests);
    const limitsFound = add(limits, r.limits);
    if ((!podLevel || Object.keys(r.limits ?? {}).length) && !(limitsFound.has('cpu') && limitsFound.has('memory'))) guaranteed = false;
  }
  if (!requests.size && !limits.size) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compareQuantity(lim, req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
