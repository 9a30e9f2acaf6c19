import { duplicate, entriesOf, forbidden, invalid, isObject, listOf, nonNegative, notFound, notSupported, required, type Errors } from '../common/field.js';
import { configKeyProblems, dnsLabel, portNameProblems, portNumOrName, portNumProblems, qualifiedName } from '../common/names.js';
import { compareQuantity, formatQuantity, isInteger, isNegative, tryParseQuantity } from '../common/quantity.js';
import { localDescendingPath } from './paths.js';

// One container's checks from upstream's validateContainers, with the same field paths.

type Obj = Record<string, any>;

export interface ContainerContext {
  volumes: Set<string>;
  /** Regular, init (plain or sidecar) or ephemeral: probes and lifecycle differ. */
  role: 'container' | 'init' | 'ephemeral';
  gracePeriod?: number;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const MESSAGE_POLICIES = ['FallbackToLogsOnError', 'File'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const ENV_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];

export function validateContainer(c: Obj, f: string, ctx: ContainerContext): Errors {
  if (!isObject(c)) return [required(f)];
  const errs: Errors = [];
  const name = typeof c.name === 'string' ? c.name : '';
  if (!name) errs.push(required(`${f}.name`));
  else errs.push(...dnsLabel(`${f}.name`, name));
  const image = typeof c.image === 'string' ? c.image : '';
  if (!image) errs.push(required(`${f}.image`));
  else if (image.trim() !== image) errs.push(invalid(`${f}.image`, image, 'must not have leading or trailing whitespace'));
  if (!c.imagePullPolicy) errs.push(required(`${f}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(c.imagePullPolicy)) errs.push(notSupported(`${f}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
  if (!c.terminationMessagePolicy) errs.push(required(`${f}.terminationMessagePolicy`));
  else if (!MESSAGE_POLICIES.includes(c.terminationMessagePolicy)) errs.push(notSupported(`${f}.terminationMessagePolicy`, c.terminationMessagePolicy, MESSAGE_POLICIES));
  errs.push(...validatePorts(listOf(c.ports), `${f}.ports`));
  errs.push(...validateEnv(listOf(c.env), `${f}.env`));
  errs.push(...validateVolumeMounts(listOf(c.volumeMounts), `${f}.volumeMounts`, ctx.volumes));
  errs.push(...validateResources(c.resources, `${f}.resources`));
  errs.push(...validateProbesAndHooks(c, f, ctx));
  if (c.restartPolicy !== undefined) {
    if (ctx.role !== 'init') errs.push(forbidden(`${f}.restartPolicy`, 'may not be set for non-init containers'));
    else if (c.restartPolicy !== 'Always') errs.push(notSupported(`${f}.restartPolicy`, c.restartPolicy, ['Always']));
  }
  return errs;
}

function validatePorts(ports: Obj[], f: string): Errors {
  const errs: Errors = [];
  const names = new Set<string>();
  for (const [i, p] of ports.entries()) {
    const pf = `${f}[${i}]`;
    if (p.name) {
      for (const m of portNameProblems(String(p.name))) errs.push(invalid(`${pf}.name`, p.name, m));
      if (names.has(p.name)) errs.push(duplicate(`${pf}.name`, p.name));
      names.add(p.name);
    }
    if (!p.containerPort) errs.push(required(`${pf}.containerPort`));
    else for (const m of portNumProblems(p.containerPort)) errs.push(invalid(`${pf}.containerPort`, p.containerPort, m));
    if (p.hostPort) for (const m of portNumProblems(p.hostPort)) errs.push(invalid(`${pf}.hostPort`, p.hostPort, m));
    if (!p.protocol) errs.push(required(`${pf}.protocol`));
    else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${pf}.protocol`, p.protocol, PROTOCOLS));
  }
  return errs;
}

/** RelaxedEnvironmentVariableValidation is GA in 1.34: any printable ASCII but '='. */
function envNameProblems(name: string): string[] {
  const out: string[] = [];
  if (!name.length) out.push('environment variable name must be non-empty');
  if ([...name].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) > 0x7e || ch === '='))
    out.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
  return out;
}

function validateEnv(env: Obj[], f: string): Errors {
  const errs: Errors = [];
  for (const [i, e] of env.entries()) {
    const ef = `${f}[${i}]`;
    const name = typeof e.name === 'string' ? e.name : '';
    if (!name) errs.push(required(`${ef}.name`));
    for (const m of envNameProblems(name)) errs.push(invalid(`${ef}.name`, name, m));
    if (!isObject(e.valueFrom)) continue;
    const vf = e.valueFrom;
    const vfPath = `${ef}.valueFrom`;
    const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'].filter((k) => isObject(vf[k]));
    if (isObject(vf.fieldRef)) {
      const path = String(vf.fieldRef.fieldPath ?? '');
      if (!vf.fieldRef.apiVersion) errs.push(required(`${vfPath}.fieldRef.apiVersion`));
      if (!path) errs.push(required(`${vfPath}.fieldRef.fieldPath`));
      else if (!ENV_FIELD_PATHS.includes(path.replace(/\[.*\]$/, ''))) errs.push(notSupported(`${vfPath}.fieldRef.fieldPath`, path, ENV_FIELD_PATHS));
    }
    for (const ref of ['configMapKeyRef', 'secretKeyRef'] as const) {
      if (!isObject(vf[ref])) continue;
      if (!vf[ref].name) errs.push(required(`${vfPath}.${ref}.name`));
      if (!vf[ref].key) errs.push(required(`${vfPath}.${ref}.key`));
      else for (const m of configKeyProblems(String(vf[ref].key))) errs.push(invalid(`${vfPath}.${ref}.key`, vf[ref].key, m));
    }
    if (isObject(vf.resourceFieldRef) && !vf.resourceFieldRef.resource) errs.push(required(`${vfPath}.resourceFieldRef.resource`));
    if (!sources.length) errs.push(invalid(vfPath, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (e.value) errs.push(invalid(vfPath, '', 'may not be specified when `value` is not empty'));
    else if (sources.length > 1) errs.push(invalid(vfPath, '', 'may not have more than one field specified at a time'));
  }
  return errs;
}

function validateVolumeMounts(mounts: Obj[], f: string, volumes: Set<string>): Errors {
  const errs: Errors = [];
  const seen = new Set<string>();
  for (const [i, m] of mounts.entries()) {
    const mf = `${f}[${i}]`;
    if (!m.name) errs.push(required(`${mf}.name`));
    if (!volumes.has(m.name)) errs.push(notFound(`${mf}.name`, m.name ?? ''));
    if (!m.mountPath) errs.push(required(`${mf}.mountPath`));
    if (seen.has(m.mountPath)) errs.push(invalid(`${mf}.mountPath`, m.mountPath, 'must be unique'));
    seen.add(m.mountPath);
    // Upstream reports subPath problems against the list, not the item.
    if (m.subPath) errs.push(...localDescendingPath(`${f}.subPath`, String(m.subPath)));
    if (m.subPath && m.subPathExpr) errs.push(invalid(`${f}.subPathExpr`, m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
    if (m.mountPropagation !== undefined && !['None', 'HostToContainer', 'Bidirectional'].includes(m.mountPropagation))
      errs.push(notSupported(`${f}.mountPropagation`, m.mountPropagation, ['Bidirectional', 'HostToContainer', 'None']));
  }
  return errs;
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isHugePages = (name: string) => name.startsWith('hugepages-');
const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
const overcommitAllowed = (name: string) => isNative(name) && !isHugePages(name);

export function validateResources(resources: unknown, f: string): Errors {
  if (!isObject(resources)) return [];
  const errs: Errors = [];
  const limits = isObject(resources.limits) ? resources.limits : {};
  const requests = isObject(resources.requests) ? resources.requests : {};
  const check = (name: string, raw: unknown, path: string) => {
    if (!name.includes('/')) {
      if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) errs.push(invalid(path, name, 'must be a standard resource for containers'));
    } else {
      errs.push(...qualifiedName(path, name));
    }
    const q = tryParseQuantity(raw);
    if (q && isNegative(q)) errs.push(invalid(path, formatQuantity(q), 'must be greater than or equal to 0'));
    if (q && !isNative(name) && !isInteger(q)) errs.push(invalid(path, formatQuantity(q), 'must be an integer'));
  };
  for (const [name, raw] of entriesOf(limits)) check(name, raw, `${f}.limits[${name}]`);
  for (const [name, raw] of entriesOf(requests)) {
    check(name, raw, `${f}.requests[${name}]`);
    const req = tryParseQuantity(raw);
    const lim = tryParseQuantity(limits[name]);
    if (req && lim) {
      if (compareQuantity(req, lim) !== 0 && !overcommitAllowed(name))
        errs.push(invalid(`${f}.requests`, formatQuantity(req), `must be equal to ${name} limit of ${formatQuantity(lim)}`));
      else if (compareQuantity(req, lim) > 0)
        errs.push(invalid(`${f}.requests`, formatQuantity(req), `must be less than or equal to ${name} limit of ${formatQuantity(lim)}`));
    } else if (req && !overcommitAllowed(name)) {
      errs.push(required(`${f}.limits`, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errs;
}

function validateProbesAndHooks(c: Obj, f: string, ctx: ContainerContext): Errors {
  const errs: Errors = [];
  const sidecar = ctx.role === 'init' && c.restartPolicy === 'Always';
  const plainInit = ctx.role === 'init' && !sidecar;
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    if (!isObject(c[kind])) continue;
    if (ctx.role === 'ephemeral') errs.push(forbidden(`${f}.${kind}`, 'cannot be set for an Ephemeral Container'));
    else if (plainInit) errs.push(forbidden(`${f}.${kind}`, 'may not be set for init containers without restartPolicy=Always'));
    else errs.push(...validateProbe(c[kind], `${f}.${kind}`));
  }
  if (isObject(c.livenessProbe) && c.livenessProbe.successThreshold !== 1 && !plainInit)
    errs.push(invalid(`${f}.livenessProbe.successThreshold`, c.livenessProbe.successThreshold, 'must be 1'));
  if (isObject(c.startupProbe) && c.startupProbe.successThreshold !== 1 && !plainInit)
    errs.push(invalid(`${f}.startupProbe.successThreshold`, c.startupProbe.successThreshold, 'must be 1'));
  if (isObject(c.readinessProbe) && c.readinessProbe.terminationGracePeriodSeconds !== undefined)
    errs.push(invalid(`${f}.readinessProbe.terminationGracePeriodSeconds`, c.readinessProbe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  if (isObject(c.lifecycle)) {
    if (plainInit) errs.push(forbidden(`${f}.lifecycle`, 'may not be set for init containers without restartPolicy=Always'));
    for (const hook of ['postStart', 'preStop'] as const)
      if (isObject(c.lifecycle[hook])) errs.push(...validateHandler(c.lifecycle[hook], `${f}.lifecycle.${hook}`, ['exec', 'httpGet', 'tcpSocket', 'sleep']));
  }
  return errs;
}

function validateProbe(p: Obj, f: string): Errors {
  const errs = validateHandler(p, f, ['exec', 'httpGet', 'tcpSocket', 'grpc']);
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) errs.push(...nonNegative(`${f}.${k}`, p[k]));
  if (typeof p.terminationGracePeriodSeconds === 'number' && p.terminationGracePeriodSeconds <= 0)
    errs.push(invalid(`${f}.terminationGracePeriodSeconds`, p.terminationGracePeriodSeconds, 'must be greater than 0'));
  return errs;
}

function validateHandler(h: Obj, f: string, kinds: string[]): Errors {
  const errs: Errors = [];
  let count = 0;
  for (const kind of kinds) {
    if (!isObject(h[kind])) continue;
    if (count++ > 0) {
      errs.push(forbidden(`${f}.${kind}`, 'may not specify more than 1 handler type'));
      continue;
    }
    const a = h[kind];
    const af = `${f}.${kind}`;
    if (kind === 'exec' && !listOf(a.command).length) errs.push(required(`${af}.command`));
    if (kind === 'httpGet' || kind === 'tcpSocket') errs.push(...portNumOrName(`${af}.port`, a.port));
    if (kind === 'httpGet' && a.scheme !== undefined && !['HTTP', 'HTTPS'].includes(a.scheme)) errs.push(notSupported(`${af}.scheme`, a.scheme, ['HTTP', 'HTTPS']));
    if (kind === 'grpc') for (const m of portNumProblems(a.port)) errs.push(invalid(`${af}.port`, a.port, m));
    if (kind === 'sleep' && !(typeof a.seconds === 'number' && a.seconds >= 0)) errs.push(invalid(`${af}.seconds`, a.seconds, 'must be greater than or equal to 0'));
  }
  if (!count) errs.push(required(f, 'must specify a handler type'));
  return errs;
}
