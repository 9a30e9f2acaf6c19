import { validateLabels } from '../../../validation/object-meta.js';
import { labelValueProblems } from '../../../validation/names.js';
import { duplicate, inRange, invalid, isObject, listOf, notSupported, required, type Errors } from '../common/field.js';
import { dnsLabel, dnsSubdomain, qualifiedName, validateAnnotations } from '../common/names.js';
import { validateContainer } from './container-validation.js';
import { validateVolumes } from './volume-validation.js';

// ValidatePodSpec and ValidatePodTemplateSpec: what every pod and workload template must satisfy.

type Obj = Record<string, any>;

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export interface PodSpecOptions {
  /** Names mounts may use besides the pod's volumes (a StatefulSet's volumeClaimTemplates). */
  claimNames?: string[];
}

export function validatePodSpec(spec: Obj | undefined, f: string, opts: PodSpecOptions = {}): Errors {
  if (!isObject(spec)) return [required(f)];
  const { errors: errs, names: volumes } = validateVolumes(listOf(spec.volumes), `${f}.volumes`);
  for (const n of opts.claimNames ?? []) volumes.add(n);
  const containers = listOf(spec.containers);
  if (!containers.length) errs.push(required(`${f}.containers`));
  const grace = typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : undefined;
  const seen = new Set<string>();
  const each = (list: Obj[], path: string, role: 'container' | 'init' | 'ephemeral') => {
    for (const [i, c] of list.entries()) {
      errs.push(...validateContainer(c, `${path}[${i}]`, { volumes, role, gracePeriod: grace }));
      const name = c?.name;
      if (typeof name === 'string' && name) {
        if (seen.has(name)) errs.push(duplicate(`${path}[${i}].name`, name));
        seen.add(name);
      }
    }
  };
  each(listOf(spec.initContainers), `${f}.initContainers`, 'init');
  each(containers, `${f}.containers`, 'container');
  each(listOf(spec.ephemeralContainers), `${f}.ephemeralContainers`, 'ephemeral');
  errs.push(...hostPorts(containers, `${f}.containers`, spec.hostNetwork === true));
  if (!spec.restartPolicy) errs.push(required(`${f}.restartPolicy`));
  else if (!RESTART_POLICIES.includes(spec.restartPolicy)) errs.push(notSupported(`${f}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES));
  if (!spec.dnsPolicy) errs.push(required(`${f}.dnsPolicy`));
  else if (!DNS_POLICIES.includes(spec.dnsPolicy)) errs.push(notSupported(`${f}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES));
  if (spec.dnsPolicy === 'None') {
    if (!isObject(spec.dnsConfig)) errs.push(required(`${f}.dnsConfig`, 'must provide `dnsConfig` when `dnsPolicy` is None'));
    else if (!listOf(spec.dnsConfig.nameservers).length) errs.push(required(`${f}.dnsConfig.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None'));
  }
  errs.push(...validateLabels(spec.nodeSelector, `${f}.nodeSelector`));
  if (spec.serviceAccountName) errs.push(...dnsSubdomain(`${f}.serviceAccountName`, String(spec.serviceAccountName)));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null)
    errs.push(...inRange(`${f}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, 1, 2147483647));
  if (spec.hostname) errs.push(...dnsLabel(`${f}.hostname`, String(spec.hostname)));
  if (spec.subdomain) errs.push(...dnsLabel(`${f}.subdomain`, String(spec.subdomain)));
  if (spec.priorityClassName) errs.push(...dnsSubdomain(`${f}.priorityClassName`, String(spec.priorityClassName)));
  errs.push(...validateTolerations(listOf(spec.tolerations), `${f}.tolerations`));
  errs.push(...schedulingGates(listOf(spec.schedulingGates), `${f}.schedulingGates`));
  errs.push(...topologySpread(listOf(spec.topologySpreadConstraints), `${f}.topologySpreadConstraints`));
  return errs;
}

/** A workload's `spec.template`: its metadata as well as its spec. */
export function validatePodTemplateSpec(template: Obj | undefined, f: string, opts: PodSpecOptions = {}): Errors {
  if (!isObject(template)) return [required(f)];
  const meta = isObject(template.metadata) ? template.metadata : {};
  const errs = [...validateLabels(meta.labels, `${f}.metadata.labels`), ...validateAnnotations(meta.annotations, `${f}.metadata.annotations`)];
  errs.push(...validatePodSpec(template.spec, `${f}.spec`, opts));
  return errs;
}

export function validateTolerations(tolerations: Obj[], f: string): Errors {
  const errs: Errors = [];
  for (const [i, t] of tolerations.entries()) {
    const tf = `${f}[${i}]`;
    const key = String(t.key ?? '');
    if (key) errs.push(...qualifiedName(`${tf}.key`, key));
    if (!key && t.operator !== 'Exists')
      errs.push(invalid(`${tf}.operator`, t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute')
      errs.push(invalid(`${tf}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    switch (t.operator ?? '') {
      case 'Equal':
      case '': {
        const problems = labelValueProblems(String(t.value ?? ''));
        if (problems.length) errs.push(invalid(`${tf}.operator`, t.value, problems.join(';')));
        break;
      }
      case 'Exists':
        if (t.value) errs.push(invalid(`${tf}.operator`, t, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(`${tf}.operator`, t.operator, ['Equal', 'Exists']));
    }
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(`${tf}.effect`, t.effect, TAINT_EFFECTS));
  }
  return errs;
}

function hostPorts(containers: Obj[], f: string, hostNetwork: boolean): Errors {
  const errs: Errors = [];
  const seen = new Set<string>();
  for (const [ci, c] of containers.entries()) {
    for (const [pi, p] of listOf(c?.ports).entries()) {
      const pf = `${f}[${ci}].ports[${pi}]`;
      if (hostNetwork && p.hostPort && p.hostPort !== p.containerPort) errs.push(invalid(`${pf}.hostPort`, p.hostPort, 'must match `containerPort` when `hostNetwork` is true'));
      if (!p.hostPort) continue;
      const key = `${p.hostIP ?? ''}/${p.protocol ?? ''}/${p.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(`${pf}.hostPort`, key));
      seen.add(key);
    }
  }
  return errs;
}

function schedulingGates(gates: Obj[], f: string): Errors {
  const errs: Errors = [];
  const seen = new Set<string>();
  for (const [i, g] of gates.entries()) {
    errs.push(...qualifiedName(`${f}[${i}].name`, String(g?.name ?? '')));
    if (seen.has(g?.name)) errs.push(duplicate(`${f}[${i}].name`, g.name));
    seen.add(g?.name);
  }
  return errs;
}

function topologySpread(constraints: Obj[], f: string): Errors {
  const errs: Errors = [];
  for (const [i, c] of constraints.entries()) {
    const cf = `${f}[${i}]`;
    if (!(typeof c.maxSkew === 'number' && c.maxSkew > 0)) errs.push(invalid(`${cf}.maxSkew`, c.maxSkew ?? 0, 'must be greater than zero'));
    if (!c.topologyKey) errs.push(required(`${cf}.topologyKey`, 'can not be empty'));
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(c.whenUnsatisfiable)) errs.push(notSupported(`${cf}.whenUnsatisfiable`, c.whenUnsatisfiable ?? '', ['DoNotSchedule', 'ScheduleAnyway']));
  }
  return errs;
}
