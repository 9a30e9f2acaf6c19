import { validateLabels } from '../../../validation/object-meta.js';
import { duplicate, forbidden, invalid, isObject, listOf, notSupported, required, type Errors } from '../common/field.js';
import { isIP, validCIDR, validIP } from '../common/ip.js';
import { dnsLabel, dnsSubdomain, portNumOrName, portNumProblems, qualifiedName } from '../common/names.js';
import { externallyAccessible, isHeadless, needsHealthCheckPort } from './service-defaults.js';

// ValidateService and ValidateServiceUpdate, with the allocator's family checks for an
// IPv4-only cluster.

type Obj = Record<string, any>;

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const KUBELET_PORT = 10250;

export function validateServiceSpec(spec: Obj | undefined): Errors {
  const s = spec ?? {};
  const errs: Errors = [];
  const ports = listOf(s.ports);
  const headless = isHeadless(s);
  if (!ports.length && !headless && s.type !== 'ExternalName') errs.push(required('spec.ports'));
  if (s.type === 'LoadBalancer') {
    if (headless) errs.push(invalid('spec.clusterIP', s.clusterIP, "may not be set to 'None' for LoadBalancer services"));
    for (const [i, p] of ports.entries()) if (p?.port === KUBELET_PORT) errs.push(invalid(`spec.ports[${i}]`, p.port, `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`));
  } else if (s.type === 'NodePort' && headless) {
    errs.push(invalid('spec.clusterIP', s.clusterIP, "may not be set to 'None' for NodePort services"));
  } else if (s.type === 'ExternalName') {
    if (listOf(s.clusterIPs).length) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (listOf(s.ipFamilies).length) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (s.ipFamilyPolicy !== undefined && s.ipFamilyPolicy !== null) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = String(s.externalName ?? '').replace(/\.$/, '');
    if (cname) errs.push(...dnsSubdomain('spec.externalName', cname));
    else errs.push(required('spec.externalName'));
  }
  const names = new Set<string>();
  for (const [i, p] of ports.entries()) errs.push(...validatePort(p, `spec.ports[${i}]`, ports.length > 1, names));
  if (s.selector) errs.push(...validateLabels(s.selector, 'spec.selector'));
  if (!s.sessionAffinity) errs.push(required('spec.sessionAffinity'));
  else if (!['ClientIP', 'None'].includes(s.sessionAffinity)) errs.push(notSupported('spec.sessionAffinity', s.sessionAffinity, ['ClientIP', 'None']));
  if (s.sessionAffinity === 'ClientIP') {
    const t = s.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (!(typeof t === 'number' && t > 0 && t <= 86400)) errs.push(invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', t ?? null, 'must be greater than 0 and less than 86400'));
  } else if (s.sessionAffinity === 'None' && s.sessionAffinityConfig) {
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPs(s));
  for (const [i, ip] of listOf<string>(s.externalIPs).entries()) errs.push(...validIP(`spec.externalIPs[${i}]`, String(ip)));
  if (!s.type) errs.push(required('spec.type'));
  else if (!TYPES.includes(s.type)) errs.push(notSupported('spec.type', s.type, TYPES));
  if (s.type === 'ClusterIP') for (const [i, p] of ports.entries()) if (p?.nodePort) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
  errs.push(...duplicatePorts(ports));
  if (listOf(s.loadBalancerSourceRanges).length) {
    if (s.type !== 'LoadBalancer') errs.push(forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    for (const [i, r] of listOf<string>(s.loadBalancerSourceRanges).entries()) errs.push(...validCIDR(`spec.LoadBalancerSourceRanges[${i}]`, String(r).trim()));
  }
  if (s.allocateLoadBalancerNodePorts !== undefined && s.allocateLoadBalancerNodePorts !== null && s.type !== 'LoadBalancer')
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  if (s.type === 'LoadBalancer' && (s.allocateLoadBalancerNodePorts === undefined || s.allocateLoadBalancerNodePorts === null)) errs.push(required('allocateLoadBalancerNodePorts'));
  if (s.loadBalancerClass !== undefined && s.loadBalancerClass !== null) {
    if (s.type === 'LoadBalancer') errs.push(...qualifiedName('spec.loadBalancerClass', String(s.loadBalancerClass)));
    else errs.push(forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  }
  errs.push(...trafficPolicies(s));
  return errs;
}

function validatePort(p: Obj, f: string, requireName: boolean, names: Set<string>): Errors {
  if (!isObject(p)) return [required(f)];
  const errs: Errors = [];
  if (requireName && !p.name) errs.push(required(`${f}.name`));
  else if (p.name) {
    errs.push(...dnsLabel(`${f}.name`, String(p.name)));
    if (names.has(p.name)) errs.push(duplicate(`${f}.name`, p.name));
    names.add(p.name);
  }
  for (const m of portNumProblems(p.port)) errs.push(invalid(`${f}.port`, p.port ?? 0, m));
  if (!p.protocol) errs.push(required(`${f}.protocol`));
  else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${f}.protocol`, p.protocol, PROTOCOLS));
  errs.push(...portNumOrName(`${f}.targetPort`, p.targetPort));
  if (p.appProtocol !== undefined && p.appProtocol !== null) errs.push(...qualifiedName(`${f}.appProtocol`, String(p.appProtocol)));
  return errs;
}

/** Two ports may share a number only across protocols; the same goes for node ports. */
function duplicatePorts(ports: Obj[]): Errors {
  const errs: Errors = [];
  const nodePorts = new Set<string>();
  const servicePorts = new Set<string>();
  for (const [i, p] of ports.entries()) {
    if (!isObject(p)) continue;
    if (p.nodePort) {
      const key = `${p.protocol}/${p.nodePort}`;
      if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
      nodePorts.add(key);
    }
  }
  for (const [i, p] of ports.entries()) {
    if (!isObject(p)) continue;
    const key = `${p.protocol}/${p.port}`;
    if (servicePorts.has(key)) errs.push(duplicate(`spec.ports[${i}]`, { protocol: p.protocol, port: p.port }));
    servicePorts.add(key);
  }
  return errs;
}

function validateClusterIPs(s: Obj): Errors {
  if (s.type === 'ExternalName') return [];
  const errs: Errors = [];
  const ips = listOf<string>(s.clusterIPs);
  if (s.clusterIP) {
    if (!ips.length) errs.push(required('spec.clusterIPs'));
    else if (ips[0] !== s.clusterIP) errs.push(invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`'));
  } else if (ips.length) {
    errs.push(invalid('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  for (const [i, fam] of listOf<string>(s.ipFamilies).entries()) {
    if (!['IPv4', 'IPv6'].includes(fam)) errs.push(notSupported(`spec.ipFamilies[${i}]`, fam, ['IPv4', 'IPv6']));
    else if (fam !== 'IPv4') errs.push(invalid(`spec.ipFamilies[${i}]`, fam, 'not configured on this cluster'));
    if (seen.has(fam)) errs.push(duplicate(`spec.ipFamilies[${i}]`, fam));
    seen.add(fam);
  }
  if (s.ipFamilyPolicy !== undefined && s.ipFamilyPolicy !== null) {
    if (!POLICIES.includes(s.ipFamilyPolicy)) errs.push(notSupported('spec.ipFamilyPolicy', s.ipFamilyPolicy, POLICIES));
    else if (s.ipFamilyPolicy === 'RequireDualStack' && !(isHeadless(s) && !Object.keys(s.selector ?? {}).length))
      errs.push(invalid('spec.ipFamilyPolicy', s.ipFamilyPolicy, 'this cluster is not configured for dual-stack services'));
  }
  let bad = false;
  for (const [i, ip] of ips.entries()) {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        bad = true;
        errs.push(invalid('spec.clusterIPs', ips, "'None' must be the first and only value"));
      }
      continue;
    }
    if (!isIP(String(ip))) {
      bad = true;
      errs.push(...validIP(`spec.clusterIPs[${i}]`, String(ip)));
    }
  }
  if (ips.length > 2) errs.push(invalid('spec.clusterIPs', ips, 'may only hold up to 2 values'));
  if (bad) return errs;
  if (ips.length > 1 && ips[0].includes(':') === ips[1].includes(':')) errs.push(invalid('spec.clusterIPs', ips, 'may specify no more than one IP for each IP family'));
  if (!isHeadless(s)) {
    for (const [i, ip] of ips.entries()) {
      const fam = listOf<string>(s.ipFamilies)[i];
      if (fam === 'IPv4' && ip.includes(':')) errs.push(invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (fam === 'IPv6' && !ip.includes(':')) errs.push(invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    }
  }
  return errs;
}

function trafficPolicies(s: Obj): Errors {
  const errs: Errors = [];
  if (!externallyAccessible(s)) {
    if (s.externalTrafficPolicy) errs.push(invalid('spec.externalTrafficPolicy', s.externalTrafficPolicy, 'may only be set for externally-accessible services'));
  } else if (!s.externalTrafficPolicy) errs.push(required('spec.externalTrafficPolicy'));
  else if (!['Cluster', 'Local'].includes(s.externalTrafficPolicy)) errs.push(notSupported('spec.externalTrafficPolicy', s.externalTrafficPolicy, ['Cluster', 'Local']));
  if (!needsHealthCheckPort(s) && s.healthCheckNodePort)
    errs.push(invalid('spec.healthCheckNodePort', s.healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  if (s.type !== 'ExternalName') {
    if (!s.internalTrafficPolicy) errs.push(required('spec.internalTrafficPolicy'));
    else if (!['Cluster', 'Local'].includes(s.internalTrafficPolicy)) errs.push(notSupported('spec.internalTrafficPolicy', s.internalTrafficPolicy, ['Cluster', 'Local']));
  }
  return errs;
}

export function validateServiceUpdate(spec: Obj | undefined, old: Obj | undefined): Errors {
  const s = spec ?? {};
  const o = old ?? {};
  if (s.type === 'ExternalName' || o.type === 'ExternalName') return [];
  const errs: Errors = [];
  const now = listOf<string>(s.clusterIPs);
  const was = listOf<string>(o.clusterIPs);
  if (!(isHeadless(s) && isHeadless(o))) {
    if (now.length === was.length) {
      was.forEach((ip, i) => {
        if (ip !== now[i]) errs.push(invalid(`spec.clusterIPs[${i}]`, now, 'may not change once set'));
      });
    } else if (was.length > now.length) {
      if (!now.length) errs.push(invalid('spec.clusterIPs[0]', now, 'primary clusterIP can not be unset'));
      else if (now[0] !== was[0]) errs.push(invalid('spec.clusterIPs[0]', now, 'may not change once set'));
    } else if (was.length && now[0] !== was[0]) errs.push(invalid('spec.clusterIPs[0]', now, 'may not change once set'));
  }
  if (isHeadless(s) === isHeadless(o) && !isHeadless(s)) {
    const fNow = listOf<string>(s.ipFamilies);
    const fWas = listOf<string>(o.ipFamilies);
    if (fNow.length === fWas.length && fWas.some((f, i) => f !== fNow[i])) errs.push(invalid('spec.ipFamilies[0]', fNow, 'may not change once set'));
  }
  if (s.type === 'LoadBalancer' && o.type === 'LoadBalancer' && (s.loadBalancerClass ?? null) !== (o.loadBalancerClass ?? null))
    errs.push(invalid('spec.loadBalancerClass', s.loadBalancerClass ?? null, 'may not change once set'));
  return errs;
}
