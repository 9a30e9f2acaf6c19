import { parseQuantity } from '../util/quantity.js';

/** Upstream's QoS classes from the containers' requests and limits. */
export function qosClass(spec: any): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const all = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      const q = parseQuantity(req[r]);
      const l = parseQuantity(lim[r]);
      if ((q ?? 0) > 0 || (l ?? 0) > 0) any = true;
      if (l === undefined || (q !== undefined && q !== l)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
