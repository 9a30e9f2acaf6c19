import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { KubeObject } from '../../api/types.js';
import { containerLabels, containerName, LABEL_TERMINATION_LOG, type ContainerKind } from '../runtime/labels.js';
import type { ContainerSpec, Mount } from '../runtime/types.js';
import { milliCpu, parseQuantity } from '../util/quantity.js';
import type { VolumeSource } from '../volumes/volume-manager.js';
import { expand } from './env.js';
import { ConfigError } from './field-ref.js';

export interface SandboxOptions {
  image: string;
  command?: string[];
  clusterDNS?: string[];
  clusterDomain: string;
  volumes: Map<string, VolumeSource>;
}

/** The pod's network namespace holder, as dockershim's sandbox: hostname, DNS and host ports live here. */
export function sandboxSpec(pod: KubeObject, attempt: number, opts: SandboxOptions): ContainerSpec {
  const ref = podRef(pod);
  const spec = pod.spec ?? {};
  const hostNetwork = spec.hostNetwork === true;
  const portBindings = [];
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])])
    for (const p of c.ports ?? []) if (p.hostPort && !hostNetwork) portBindings.push({ containerPort: p.containerPort, hostPort: p.hostPort, protocol: p.protocol ?? 'TCP', hostIP: p.hostIP });
  // Memory-backed emptyDirs are runtime volumes: mounting them here keeps them alive while app containers restart.
  const mounts: Mount[] = [];
  for (const [name, src] of opts.volumes) if ('runtimeVolume' in src) mounts.push({ source: src.runtimeVolume, target: `/.skiff/volumes/${name}`, readOnly: false, volume: true });
  const sysctls: Record<string, string> = {};
  for (const s of spec.securityContext?.sysctls ?? []) sysctls[s.name] = s.value;
  return {
    name: containerName(ref, 'POD', attempt),
    image: opts.image,
    labels: containerLabels(ref, 'POD', 'sandbox', attempt, attempt),
    command: opts.command,
    env: [],
    networkMode: hostNetwork ? 'host' : undefined,
    hostname: podHostname(pod),
    dns: dnsFor(pod, opts),
    extraHosts: (spec.hostAliases ?? []).flatMap((a: any) => (a.hostnames ?? []).map((h: string) => `${h}:${a.ip}`)),
    mounts,
    portBindings,
    sysctls: Object.keys(sysctls).length ? sysctls : undefined,
  };
}

export function podHostname(pod: KubeObject): string {
  return (pod.spec?.hostname || pod.metadata.name || 'pod').slice(0, 63).replace(/[.-]+$/, '');
}

function dnsFor(pod: KubeObject, opts: SandboxOptions): ContainerSpec['dns'] {
  const spec = pod.spec ?? {};
  const policy = spec.dnsPolicy ?? 'ClusterFirst';
  const extra = spec.dnsConfig ?? {};
  let servers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  const clusterFirst = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !spec.hostNetwork);
  if (clusterFirst && opts.clusterDNS?.length) {
    const d = opts.clusterDomain;
    servers = [...opts.clusterDNS];
    searches = [`${pod.metadata.namespace ?? 'default'}.svc.${d}`, `svc.${d}`, d];
    options = ['ndots:5'];
  } else if (policy !== 'None' && !extra.nameservers && !extra.searches && !extra.options) {
    return undefined;
  }
  servers.push(...(extra.nameservers ?? []));
  searches.push(...(extra.searches ?? []));
  for (const o of extra.options ?? []) options.push(o.value !== undefined ? `${o.name}:${o.value}` : o.name);
  return { servers, searches, options };
}

export interface ContainerSpecInput {
  pod: KubeObject;
  container: any;
  kind: ContainerKind;
  attempt: number;
  image: string;
  sandboxId: string;
  env: Array<[string, string]>;
  volumes: Map<string, VolumeSource>;
  /** A host file bind-mounted at terminationMessagePath. */
  terminationLog: string;
}

export function containerSpec(input: ContainerSpecInput): ContainerSpec {
  const { pod, container: c } = input;
  const ref = podRef(pod);
  const vars = new Map(input.env);
  const lookup = (n: string) => vars.get(n);
  const sc = { ...(pod.spec?.securityContext ?? {}), ...(c.securityContext ?? {}) };
  const limits = c.resources?.limits ?? {};
  const requests = c.resources?.requests ?? {};
  const cpuRequest = milliCpu(requests.cpu);
  const cpuLimit = milliCpu(limits.cpu);
  const memLimit = parseQuantity(limits.memory);
  const labels = { ...containerLabels(ref, c.name, input.kind, input.attempt, input.attempt), [LABEL_TERMINATION_LOG]: input.terminationLog };
  const hostNetwork = pod.spec?.hostNetwork === true;
  return {
    name: containerName(ref, c.name, input.attempt),
    image: input.image,
    labels,
    command: c.command?.map((s: string) => expand(s, lookup)),
    args: c.args?.map((s: string) => expand(s, lookup)),
    env: input.env.map(([k, v]) => `${k}=${v}`),
    workingDir: c.workingDir || undefined,
    networkMode: hostNetwork ? 'host' : `container:${input.sandboxId}`,
    mounts: mountsFor(input, lookup),
    user: sc.runAsUser !== undefined ? (sc.runAsGroup !== undefined ? `${sc.runAsUser}:${sc.runAsGroup}` : String(sc.runAsUser)) : undefined,
    privileged: c.securityContext?.privileged === true,
    capAdd: c.securityContext?.capabilities?.add?.map(capName),
    capDrop: c.securityContext?.capabilities?.drop?.map(capName),
    readOnlyRootFilesystem: c.securityContext?.readOnlyRootFilesystem === true,
    memoryLimitBytes: memLimit ? Math.floor(memLimit) : undefined,
    nanoCpus: cpuLimit ? cpuLimit * 1_000_000 : undefined,
    // BestEffort containers get the minimum weight, as upstream gives them.
    cpuShares: cpuRequest ? Math.max(2, Math.floor((cpuRequest * 1024) / 1000)) : 2,
    tty: c.tty === true,
    openStdin: c.stdin === true,
    stdinOnce: c.stdinOnce === true,
  };
}

function capName(n: string): string {
  return n.toUpperCase().replace(/^CAP_/, '');
}

function mountsFor(input: ContainerSpecInput, lookup: (n: string) => string | undefined): Mount[] {
  const c = input.container;
  const out: Mount[] = [];
  for (const m of c.volumeMounts ?? []) {
    const src = input.volumes.get(m.name);
    if (!src) throw new ConfigError(`cannot find volume "${m.name}" to mount into container "${c.name}"`);
    const sub: string = m.subPathExpr ? expand(m.subPathExpr, lookup) : (m.subPath ?? '');
    if (sub.split('/').includes('..') || path.isAbsolute(sub)) throw new ConfigError(`invalid subPath "${sub}": must not contain '..' or be absolute`);
    if ('runtimeVolume' in src) {
      if (sub) throw new ConfigError(`subPath is not supported on memory-backed emptyDir "${m.name}"`);
      out.push({ source: src.runtimeVolume, target: m.mountPath, readOnly: m.readOnly === true, volume: true });
      continue;
    }
    const source = sub ? path.join(src.hostPath, sub) : src.hostPath;
    if (sub && !existsSync(source)) mkdirSync(source, { recursive: true });
    out.push({ source, target: m.mountPath, readOnly: m.readOnly === true });
  }
  const tmp = c.terminationMessagePath || '/dev/termination-log';
  if (!out.some((m) => m.target === tmp)) out.push({ source: input.terminationLog, target: tmp, readOnly: false });
  return out;
}

export function podRef(pod: KubeObject): { name: string; namespace: string; uid: string } {
  return { name: pod.metadata.name!, namespace: pod.metadata.namespace ?? 'default', uid: pod.metadata.uid! };
}
