import type { KubeObject } from '../../../../api/types.js';
import type { KindBehavior } from '../../behavior.js';
import { forbidden, invalid, isObject, listOf, notSupported, required, type Errors } from '../common/field.js';
import { isCIDR, isIP, validCIDR } from '../common/ip.js';
import { dns1035, dnsSubdomain, portNameProblems, portNumProblems } from '../common/names.js';
import { recountGeneration } from '../common/generation.js';
import { isCreate, markCreate } from '../common/phase.js';
import { validateLabelSelector } from '../common/selector.js';
import type { ObjectLookup } from '../lookup.js';

// Ingress and NetworkPolicy.

type Obj = Record<string, any>;

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

function validateBackend(b: Obj, f: string): Errors {
  const errs: Errors = [];
  if (isObject(b.resource) && isObject(b.service)) return [invalid(f, '', 'cannot set both resource and service backends')];
  if (isObject(b.resource)) {
    if (!b.resource.kind) errs.push(required(`${f}.resource.kind`));
    if (!b.resource.name) errs.push(required(`${f}.resource.name`));
    return errs;
  }
  if (!isObject(b.service)) return [invalid(f, '', 'resource or service backend is required')];
  const svc = b.service;
  if (!svc.name) errs.push(required(`${f}.service.name`));
  else errs.push(...dns1035(`${f}.service.name`, String(svc.name)));
  const port = isObject(svc.port) ? svc.port : {};
  if (port.name && port.number) errs.push(invalid(f, '', 'cannot set both port name & port number'));
  else if (port.name) for (const m of portNameProblems(String(port.name))) errs.push(invalid(`${f}.service.port.name`, port.name, m));
  else if (port.number) for (const m of portNumProblems(port.number)) errs.push(invalid(`${f}.service.port.number`, port.number, m));
  else errs.push(required(f, 'port name or number is required'));
  return errs;
}

function validateHost(host: string, f: string): Errors {
  if (isIP(host)) return [invalid(f, host, 'must be a DNS name, not an IP address')];
  if (host.startsWith('*.')) {
    const rest = dnsSubdomain(f, host.slice(2));
    return rest.length
      ? [invalid(f, host, "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")]
      : [];
  }
  return dnsSubdomain(f, host);
}

export function validateIngressSpec(spec: Obj | undefined): Errors {
  const s = spec ?? {};
  const errs: Errors = [];
  const rules = listOf(s.rules);
  if (!rules.length && !isObject(s.defaultBackend)) errs.push(invalid('spec', s.rules ?? null, 'either `defaultBackend` or `rules` must be specified'));
  if (isObject(s.defaultBackend)) errs.push(...validateBackend(s.defaultBackend, 'spec.defaultBackend'));
  for (const [i, r] of rules.entries()) {
    const f = `spec.rules[${i}]`;
    if (r.host) errs.push(...validateHost(String(r.host), `${f}.host`));
    if (!isObject(r.http)) continue;
    const paths = listOf(r.http.paths);
    if (!paths.length) errs.push(required(`${f}.http.paths`));
    for (const [j, p] of paths.entries()) {
      const pf = `${f}.http.paths[${j}]`;
      if (!p.pathType) errs.push(required(`${pf}.pathType`, 'pathType must be specified'));
      else if (!PATH_TYPES.includes(p.pathType)) errs.push(notSupported(`${pf}.pathType`, p.pathType, PATH_TYPES));
      else if (p.pathType !== 'ImplementationSpecific' || p.path) {
        if (!String(p.path ?? '').startsWith('/')) errs.push(invalid(`${pf}.path`, p.path ?? '', 'must be an absolute path'));
      }
      errs.push(...validateBackend(isObject(p.backend) ? p.backend : {}, `${pf}.backend`));
    }
  }
  for (const [i, t] of listOf(s.tls).entries()) for (const [j, h] of listOf<string>(t.hosts).entries()) errs.push(...validateHost(String(h), `spec.tls[${i}].hosts[${j}]`));
  if (s.ingressClassName !== undefined && s.ingressClassName !== null) errs.push(...dnsSubdomain('spec.ingressClassName', String(s.ingressClassName)));
  return errs;
}

/** DefaultIngressClass admission: an Ingress that names no class gets the default one. */
function defaultIngressClass(lookup: ObjectLookup | undefined): string | undefined {
  const defaults = (lookup?.list('networking.k8s.io', 'IngressClass') ?? []).filter((c) => c.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true');
  defaults.sort((a, b) => String(b.metadata.creationTimestamp ?? '').localeCompare(String(a.metadata.creationTimestamp ?? '')));
  return defaults[0]?.metadata.name;
}

export function createIngressBehavior(lookup?: ObjectLookup): KindBehavior {
  return {
    strategy: {
      prepareForCreate(obj) {
        markCreate(obj);
        if (!isObject(obj.spec)) obj.spec = {};
        if (obj.spec.ingressClassName === undefined && !obj.metadata.annotations?.[CLASS_ANNOTATION]) {
          const name = defaultIngressClass(lookup);
          if (name) obj.spec.ingressClassName = name;
        }
        obj.status = { loadBalancer: {} };
      },
      validate: (obj) => validateIngressSpec(obj.spec),
      warnings: (obj: KubeObject) =>
        isCreate(obj) && obj.metadata.annotations?.[CLASS_ANNOTATION] !== undefined ? [`annotation "${CLASS_ANNOTATION}" is deprecated, please use 'spec.ingressClassName' instead`] : [],
    },
  };
}

function validatePolicyPort(p: Obj, f: string): Errors {
  const errs: Errors = [];
  if (p.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(p.protocol)) errs.push(notSupported(`${f}.protocol`, p.protocol, ['TCP', 'UDP', 'SCTP']));
  if (typeof p.port === 'number') {
    for (const m of portNumProblems(p.port)) errs.push(invalid(`${f}.port`, p.port, m));
    if (typeof p.endPort === 'number') {
      if (p.endPort < p.port) errs.push(invalid(`${f}.endPort`, p.port, 'must be greater than or equal to `port`'));
      for (const m of portNumProblems(p.endPort)) errs.push(invalid(`${f}.endPort`, p.endPort, m));
    }
  } else if (typeof p.port === 'string') {
    if (p.endPort !== undefined) errs.push(invalid(`${f}.endPort`, p.endPort, 'may not be specified when `port` is non-numeric'));
    for (const m of portNameProblems(p.port)) errs.push(invalid(`${f}.port`, p.port, m));
  } else if (p.endPort !== undefined) {
    errs.push(invalid(`${f}.endPort`, p.endPort, 'may not be specified when `port` is not specified'));
  }
  return errs;
}

function validatePeer(peer: Obj, f: string): Errors {
  const errs: Errors = [];
  let count = 0;
  for (const key of ['podSelector', 'namespaceSelector'] as const) {
    if (!isObject(peer[key])) continue;
    count++;
    errs.push(...validateLabelSelector(peer[key], `${f}.${key}`));
  }
  if (isObject(peer.ipBlock)) {
    count++;
    const cidr = String(peer.ipBlock.cidr ?? '');
    if (!cidr) errs.push(required(`${f}.ipBlock.cidr`));
    else errs.push(...validCIDR(`${f}.ipBlock.cidr`, cidr));
    for (const [i, ex] of listOf<string>(peer.ipBlock.except).entries()) {
      errs.push(...validCIDR(`${f}.ipBlock.except[${i}]`, String(ex)));
      if (isCIDR(cidr) && isCIDR(String(ex)) && !cidrWithin(String(ex), cidr)) errs.push(invalid(`${f}.ipBlock.except[${i}]`, ex, 'must be a strict subset of `cidr`'));
    }
  }
  if (!count) errs.push(required(f, 'must specify a peer'));
  else if (count > 1 && isObject(peer.ipBlock)) errs.push(forbidden(f, 'may not specify both ipBlock and another peer'));
  return errs;
}

function cidrWithin(inner: string, outer: string): boolean {
  const [ia, ib] = inner.split('/');
  const [oa, ob] = outer.split('/');
  if (ia.includes(':') || oa.includes(':')) return ia.includes(':') === oa.includes(':') && Number(ib) > Number(ob);
  const toInt = (ip: string) => ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);
  const bits = Number(ob);
  const span = 2 ** (32 - bits);
  return Number(ib) > bits && Math.floor(toInt(ia) / span) === Math.floor(toInt(oa) / span);
}

export const networkPolicyBehavior: KindBehavior = {
  strategy: {
    defaults(obj) {
      if (!isObject(obj.spec)) obj.spec = {};
      const s = obj.spec;
      s.podSelector ??= {};
      for (const rule of [...listOf(s.ingress), ...listOf(s.egress)]) for (const p of listOf(rule?.ports)) if (isObject(p)) p.protocol ??= 'TCP';
      if (!listOf(s.policyTypes).length) s.policyTypes = listOf(s.egress).length ? ['Ingress', 'Egress'] : ['Ingress'];
    },
    prepareForUpdate: (obj, old) => recountGeneration(obj, old),
    validate(obj) {
      const s = obj.spec ?? {};
      const errs = validateLabelSelector(s.podSelector, 'spec.podSelector');
      for (const [dir, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
        for (const [i, rule] of listOf(s[dir]).entries()) {
          for (const [j, p] of listOf(rule.ports).entries()) errs.push(...validatePolicyPort(p, `spec.${dir}[${i}].ports[${j}]`));
          for (const [j, p] of listOf(rule[peers]).entries()) errs.push(...validatePeer(p, `spec.${dir}[${i}].${peers}[${j}]`));
        }
      }
      const types = listOf<string>(s.policyTypes);
      if (types.length > 2) return [...errs, invalid('spec.policyTypes', types, 'may not specify more than two policyTypes')];
      for (const [i, t] of types.entries()) if (!['Ingress', 'Egress'].includes(t)) errs.push(notSupported(`spec.policyTypes[${i}]`, t, ['Ingress', 'Egress']));
      return errs;
    },
  },
};
