import type { KubeObject } from '../../../../api/types.js';
import { isObject, listOf, semanticEqual } from '../common/field.js';

// SetDefaults_Service plus what upstream's Service REST storage does to the spec before
// validating it: keep clusterIP/clusterIPs in sync, fill in IP families, carry allocated values
// across updates and drop the fields a new type no longer uses.

type Obj = Record<string, any>;

export const needsClusterIP = (spec: Obj) => spec.type !== 'ExternalName';
export const needsNodePorts = (spec: Obj) => spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
export const needsHealthCheckPort = (spec: Obj) => spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
export const externallyAccessible = (spec: Obj) =>
  spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && listOf(spec.externalIPs).length > 0);
export const isHeadless = (spec: Obj) => listOf(spec.clusterIPs).length === 1 && spec.clusterIPs[0] === 'None';

export function serviceDefaults(spec: Obj): void {
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && typeof spec.sessionAffinityConfig?.clientIP?.timeoutSeconds !== 'number')
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  spec.type ||= 'ClusterIP';
  for (const p of listOf(spec.ports)) {
    if (!isObject(p)) continue;
    p.protocol ||= 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy === undefined && ['ClusterIP', 'NodePort', 'LoadBalancer'].includes(spec.type)) spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
}

const sameClusterIPs = (a: Obj, b: Obj) => semanticEqual(a.clusterIPs, b.clusterIPs);

/** Old clients send only clusterIP, new ones both; make the pair agree before validation. */
export function normalizeClusterIPs(spec: Obj, old?: Obj): void {
  if (!old) {
    if (spec.clusterIP && !listOf(spec.clusterIPs).length) spec.clusterIPs = [spec.clusterIP];
    return;
  }
  if (listOf(old.clusterIPs).length && !listOf(spec.clusterIPs).length && old.clusterIP === spec.clusterIP) spec.clusterIPs = old.clusterIPs;
  if (old.clusterIP !== spec.clusterIP) {
    if (old.clusterIP && !spec.clusterIP && sameClusterIPs(old, spec)) delete spec.clusterIPs;
    if (spec.clusterIP && sameClusterIPs(old, spec)) spec.clusterIPs = [spec.clusterIP];
  }
}

/** Values the server allocated survive updates that do not mention them (kubectl replace, helm). */
export function patchAllocatedValues(spec: Obj, old: Obj): void {
  if (needsClusterIP(old) && needsClusterIP(spec)) {
    if (!spec.clusterIP && old.clusterIP) spec.clusterIP = old.clusterIP;
    if (!listOf(spec.clusterIPs).length && listOf(old.clusterIPs).length) spec.clusterIPs = old.clusterIPs;
  }
  if (needsNodePorts(old) && needsNodePorts(spec)) {
    const inUse = (s: Obj) => new Set(listOf(s.ports).map((p) => p?.nodePort).filter(Boolean));
    const newPorts = inUse(spec);
    const byName = new Map(listOf(old.ports).map((p) => [p?.name ?? '', p?.nodePort]));
    for (const p of listOf(spec.ports)) {
      if (!isObject(p) || p.nodePort) continue;
      const was = byName.get(p.name ?? '');
      if (was && !newPorts.has(was)) p.nodePort = was;
    }
  }
  if (needsHealthCheckPort(old) && needsHealthCheckPort(spec) && !spec.healthCheckNodePort) spec.healthCheckNodePort = old.healthCheckNodePort;
}

/** Fields the old type used that the new one cannot, dropped only when the client left them as they were. */
export function dropTypeDependentFields(obj: KubeObject, old: KubeObject): void {
  const spec = obj.spec as Obj;
  const was = old.spec as Obj;
  if (needsClusterIP(was) && !needsClusterIP(spec)) {
    if (sameClusterIPs(was, spec)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (semanticEqual(was.ipFamilies, spec.ipFamilies)) delete spec.ipFamilies;
    if (was.ipFamilyPolicy === spec.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  if (needsNodePorts(was) && !needsNodePorts(spec)) {
    const ports = (s: Obj) => listOf(s.ports).map((p) => p?.nodePort ?? 0);
    if (semanticEqual(ports(was), ports(spec))) for (const p of listOf(spec.ports)) if (isObject(p)) delete p.nodePort;
  }
  if (needsHealthCheckPort(was) && !needsHealthCheckPort(spec) && was.healthCheckNodePort === spec.healthCheckNodePort) delete spec.healthCheckNodePort;
  if (was.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts === was.allocateLoadBalancerNodePorts) delete spec.allocateLoadBalancerNodePorts;
    if (spec.loadBalancerClass !== undefined && spec.loadBalancerClass === was.loadBalancerClass) delete spec.loadBalancerClass;
  }
  if (externallyAccessible(was) && !externallyAccessible(spec) && was.externalTrafficPolicy === spec.externalTrafficPolicy) delete spec.externalTrafficPolicy;
  if (spec.type !== 'LoadBalancer') obj.status = { ...obj.status, loadBalancer: {} };
}

/**
 * This cluster is IPv4-only. Services that want addresses get SingleStack IPv4 unless they ask
 * otherwise; headless services without a selector default to RequireDualStack like upstream's.
 */
export function initIpFamilies(spec: Obj, old?: Obj): void {
  if (!needsClusterIP(spec)) return;
  if (old && needsClusterIP(old) && isHeadless(old) === isHeadless(spec)) {
    spec.ipFamilyPolicy ??= old.ipFamilyPolicy;
    if (!listOf(spec.ipFamilies).length && listOf(old.ipFamilies).length) spec.ipFamilies = old.ipFamilies;
  }
  const headlessNoSelector = isHeadless(spec) && !Object.keys(spec.selector ?? {}).length;
  spec.ipFamilyPolicy ??= headlessNoSelector ? 'RequireDualStack' : 'SingleStack';
  if (!listOf(spec.ipFamilies).length) {
    const fromIPs = listOf<string>(spec.clusterIPs).filter((ip) => ip && ip !== 'None').map((ip) => (ip.includes(':') ? 'IPv6' : 'IPv4'));
    spec.ipFamilies = fromIPs.length ? fromIPs : ['IPv4'];
  }
}
