import { internalError, invalid as invalidStatus } from '../../../../api/errors.js';
import type { KubeObject } from '../../../../api/types.js';
import type { KindBehavior } from '../../behavior.js';
import { invalid, isObject, listOf, type Errors } from '../common/field.js';
import { isCreate, markCreate } from '../common/phase.js';
import { serviceHoldings, serviceOwner, type IpAllocator, type NodePortAllocator } from './service-allocators.js';
import {
  dropTypeDependentFields,
  initIpFamilies,
  isHeadless,
  needsClusterIP,
  needsHealthCheckPort,
  needsNodePorts,
  normalizeClusterIPs,
  patchAllocatedValues,
  serviceDefaults,
} from './service-defaults.js';
import { validateServiceSpec, validateServiceUpdate } from './service-validation.js';

type Obj = Record<string, any>;

/**
 * Hands the Service its cluster IP and node ports once it has validated. Runs after validation
 * (the pipeline's admit hook), so it only sees well-formed requests; a clash is a 422 like
 * upstream's. Nothing is recorded on a dry run.
 */
function allocate(svc: KubeObject, old: KubeObject | undefined, alloc: IpAllocator & NodePortAllocator, dryRun: boolean): void {
  const spec = svc.spec as Obj;
  const owner = serviceOwner(svc);
  const name = svc.metadata.name ?? '';
  const errs: Errors = [];
  const oldHeld = old ? serviceHoldings(old) : { ips: [], ports: [] };
  if (needsClusterIP(spec) && !isHeadless(spec)) {
    const ips = listOf<string>(spec.clusterIPs);
    if (!ips.length) {
      // The apiserver's own Service always gets the first address of the range.
      const first = owner === 'default/kubernetes' && !alloc.ipProblem(owner, alloc.firstIp) ? alloc.firstIp : undefined;
      const ip = first ?? alloc.pickIp();
      if (!ip) throw internalError('failed to allocate a serviceIP: range is full');
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
    } else {
      for (const ip of ips) {
        const why = oldHeld.ips.includes(ip) ? undefined : alloc.ipProblem(owner, ip);
        if (why) errs.push(invalid('spec.clusterIPs', ips, `failed to allocate IP ${ip}: ${why}`));
      }
    }
  }
  const taken = new Set<number>();
  const wanted = (p: Obj) => isObject(p) && (p.nodePort || needsNodePorts(spec)) && ['NodePort', 'LoadBalancer'].includes(spec.type);
  for (const [i, p] of listOf(spec.ports).entries()) {
    if (!wanted(p) || !p.nodePort) continue;
    const why = oldHeld.ports.includes(p.nodePort) ? undefined : alloc.portProblem(owner, p.nodePort);
    if (why) errs.push(invalid(`spec.ports[${i}].nodePort`, p.nodePort, why));
    taken.add(p.nodePort);
  }
  if (needsHealthCheckPort(spec) && spec.healthCheckNodePort) {
    const why = oldHeld.ports.includes(spec.healthCheckNodePort) ? undefined : alloc.portProblem(owner, spec.healthCheckNodePort);
    if (why) errs.push(invalid('spec.healthCheckNodePort', spec.healthCheckNodePort, why));
    taken.add(spec.healthCheckNodePort);
  }
  if (errs.length) throw invalidStatus('Service', '', name, errs);
  const pick = () => {
    const port = alloc.pickPort(taken);
    if (port === undefined) throw internalError('failed to allocate a nodePort: range is full');
    taken.add(port);
    return port;
  };
  for (const p of listOf(spec.ports)) if (wanted(p) && !p.nodePort) p.nodePort = pick();
  if (needsHealthCheckPort(spec) && !spec.healthCheckNodePort) spec.healthCheckNodePort = pick();
  if (dryRun) return;
  const held = serviceHoldings(svc);
  alloc.reserveIps(owner, held.ips);
  alloc.reservePorts(owner, held.ports);
}

export function createServiceBehavior(allocator: IpAllocator & NodePortAllocator): KindBehavior {
  return {
    strategy: {
      defaults(obj) {
        if (!isObject(obj.spec)) obj.spec = {};
        serviceDefaults(obj.spec);
      },
      prepareForCreate(obj) {
        markCreate(obj);
        normalizeClusterIPs(obj.spec);
        if (isObject(obj.spec) && obj.spec.clusterIPs?.length && !obj.spec.clusterIP) obj.spec.clusterIP = obj.spec.clusterIPs[0];
        initIpFamilies(obj.spec);
        obj.status = { loadBalancer: {} };
      },
      prepareForUpdate(obj, old) {
        normalizeClusterIPs(obj.spec, old.spec);
        patchAllocatedValues(obj.spec, old.spec ?? {});
        dropTypeDependentFields(obj, old);
        initIpFamilies(obj.spec, old.spec);
      },
      validate: (obj) => validateServiceSpec(obj.spec),
      validateUpdate: (obj, old) => validateServiceUpdate(obj.spec, old.spec),
      admit(obj, old, ctx) {
        if (old || isCreate(obj)) allocate(obj, old, allocator, ctx.dryRun);
      },
    },
  };
}
