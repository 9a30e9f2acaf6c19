import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import type { KubeObject } from '../../api/types.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import type { ImagePuller } from '../images/image-puller.js';
import type { ProbeManager } from '../probes/probe-manager.js';
import { runCheck } from '../probes/probe-runner.js';
import { attemptOf, LABEL_NODE } from '../runtime/labels.js';
import type { ContainerDetails, ContainerRuntime } from '../runtime/types.js';
import { MountError } from '../volumes/projections.js';
import type { VolumeManager, VolumeSource } from '../volumes/volume-manager.js';
import { Backoff } from './backoff.js';
import { containerSpec, podRef, sandboxSpec } from './container-spec.js';
import { buildEnv, type ObjectLookup } from './env.js';
import { ConfigError, type NodeFacts } from './field-ref.js';
import { computePhase, type Waiting } from './pod-status.js';
import { PodKiller } from './pod-killer.js';
import { StatusReporter } from './status-reporter.js';
import { latestOf, PodViewReader, type PodView } from './pod-view.js';

export interface PodSyncConfig {
  runtime: ContainerRuntime;
  clock: Clock;
  logger: Logger;
  volumes: VolumeManager;
  images: ImagePuller;
  probes: ProbeManager;
  lookup: ObjectLookup;
  node(): NodeFacts;
  event(pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** Writes a computed status (the caller merges conditions and skips no-op writes). */
  writeStatus(pod: KubeObject, status: Record<string, any>): Promise<void>;
  nodeName: string;
  pauseImage: string;
  pauseCommand?: string[];
  clusterDNS?: string[];
  clusterDomain: string;
  /** KUBERNETES_SERVICE_HOST and friends. */
  baseEnv: Array<[string, string]>;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
}

export interface PodState {
  waiting: Map<string, Waiting>;
  startTime: number;
  terminal?: 'Succeeded' | 'Failed';
}

const TEN_MINUTES = 10 * 60_000;
const RETRY_MS = 5_000;

/**
 * One pod's reconcile against the runtime, upstream's SyncPod in small: volumes, sandbox,
 * init containers in order (sidecars kept running), app containers with restart policy and
 * crash-loop back-off, probes, then the status. Everything is derived from what the runtime
 * shows, so a restarted kubelet picks up where the last one stopped.
 */
export class PodSync {
  private readonly states = new Map<string, PodState>();
  readonly views: PodViewReader;
  private readonly backoff: Backoff;
  private readonly killer: PodKiller;
  private readonly reporter: StatusReporter;

  constructor(private readonly config: PodSyncConfig) {
    this.views = new PodViewReader(config.runtime);
    this.killer = new PodKiller(config);
    this.reporter = new StatusReporter(config);
    this.backoff = new Backoff(config.clock, config.backoffInitialMs ?? 10_000, config.backoffMaxMs ?? 300_000);
  }

  private state(pod: KubeObject): PodState {
    const uid = pod.metadata.uid!;
    let s = this.states.get(uid);
    if (!s) {
      const t = pod.status?.startTime ? Date.parse(pod.status.startTime) : NaN;
      s = { waiting: new Map(), startTime: Number.isNaN(t) ? this.config.clock.now() : t };
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') s.terminal = phase;
      this.states.set(uid, s);
    }
    return s;
  }

  /** Brings a live pod's containers to what its spec asks; returns when to look again. */
  async sync(pod: KubeObject): Promise<number | undefined> {
    const st = this.state(pod);
    let view = await this.views.read(pod.metadata.uid!);
    if (st.terminal) {
      await this.killer.killAll(pod, view, gracePeriod(pod));
      await this.reporter.report(pod, await this.views.read(pod.metadata.uid!), st, false);
      return undefined;
    }
    const node = this.config.node();
    const hostNetwork = pod.spec?.hostNetwork === true;
    let sandbox = view.sandboxes[0];
    let volumes: Map<string, VolumeSource>;
    try {
      volumes = await this.config.volumes.setUp(pod, podIPOf(pod, sandbox, node), node);
    } catch (err) {
      if (!(err instanceof MountError)) throw err;
      this.config.event(pod, 'Warning', 'FailedMount', err.message);
      await this.reporter.report(pod, view, st, false);
      return RETRY_MS;
    }
    if (!sandbox || sandbox.state !== 'running') {
      const ran = [...view.containers.values()].some((l) => l.length > 0);
      if (sandbox && pod.spec?.restartPolicy === 'Never' && ran) {
        // Nothing may run again: what ran decides the phase, anything still up is stopped.
        await this.killer.killAll(pod, view, 0);
        view = await this.views.read(pod.metadata.uid!);
        const phase = computePhase(pod, view, true, st.waiting);
        st.terminal = phase === 'Succeeded' ? 'Succeeded' : 'Failed';
        await this.reporter.report(pod, view, st, false);
        return undefined;
      }
      if (sandbox) {
        this.config.event(pod, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');
        await this.killer.killAll(pod, view, 0);
      }
      const retry = await this.createSandbox(pod, sandbox ? attemptOf(sandbox) + 1 : 0, volumes, st);
      if (retry !== undefined) {
        await this.reporter.report(pod, view, st, false);
        return retry;
      }
      view = await this.views.read(pod.metadata.uid!);
      sandbox = view.sandboxes[0];
      if (!sandbox) return RETRY_MS;
    }
    const podIP = hostNetwork ? node.hostIP : sandbox.ip;
    const ctx: StartContext = { pod, st, sandbox, podIP, volumes, node };
    let requeue: number | undefined;
    const soonest = (ms: number | undefined) => {
      if (ms !== undefined) requeue = requeue === undefined ? ms : Math.min(requeue, ms);
    };
    let initDone = true;
    for (const c of pod.spec?.initContainers ?? []) {
      let latest = latestOf(view, c.name);
      if (c.restartPolicy === 'Always') {
        if (latest?.state === 'running') latest = await this.killIfUnhealthy(pod, c, latest);
        if (latest?.state === 'running') {
          if (this.config.probes.has(pod.metadata.uid!, latest.id, 'startup') && this.config.probes.result(pod.metadata.uid!, latest.id, 'startup') !== true) {
            initDone = false;
            break;
          }
          continue;
        }
        soonest(await this.start(ctx, c, 'init', latest));
        initDone = false;
        break;
      }
      if (latest?.state === 'exited' && latest.exitCode === 0) continue;
      initDone = false;
      if (latest?.state === 'running') break;
      if (latest?.state === 'exited' && pod.spec?.restartPolicy === 'Never') {
        st.terminal = 'Failed';
        break;
      }
      soonest(await this.start(ctx, c, 'init', latest));
      break;
    }
    if (initDone && !st.terminal) {
      for (const c of pod.spec?.containers ?? []) {
        let latest = latestOf(view, c.name);
        if (latest?.state === 'running') {
          latest = await this.killIfUnhealthy(pod, c, latest);
          if (latest?.state === 'running') continue;
        }
        if (latest?.state === 'exited' && !shouldRestart(pod, latest)) continue;
        soonest(await this.start(ctx, c, 'regular', latest));
      }
    }
    view = await this.views.read(pod.metadata.uid!);
    if (!st.terminal && initDone) {
      const phase = computePhase(pod, view, true, st.waiting);
      if (phase === 'Succeeded' || phase === 'Failed') st.terminal = phase;
    }
    if (st.terminal) {
      await this.killer.killAll(pod, view, gracePeriod(pod));
      view = await this.views.read(pod.metadata.uid!);
    }
    this.syncProbes(pod, view, sandbox, podIP);
    await this.reporter.report(pod, view, st, false);
    return requeue;
  }

  /** Stops a pod that is being deleted; resolves once nothing of it runs. */
  async terminate(pod: KubeObject, gracePeriodSeconds: number): Promise<void> {
    const st = this.state(pod);
    const view = await this.views.read(pod.metadata.uid!);
    await this.killer.killAll(pod, view, gracePeriodSeconds);
    this.config.probes.removePod(pod.metadata.uid!);
    const after = await this.views.read(pod.metadata.uid!);
    if (!st.terminal) {
      const phase = computePhase({ ...pod, spec: { ...pod.spec, restartPolicy: 'Never' } }, after, true, st.waiting);
      st.terminal = phase === 'Succeeded' ? 'Succeeded' : 'Failed';
    }
    await this.reporter.report(pod, after, st, true);
  }

  /** Forgets a pod that is gone: containers, volumes and in-memory state. */
  async remove(uid: string): Promise<void> {
    const view = await this.views.read(uid);
    const all = [...view.sandboxes, ...[...view.containers.values()].flat()];
    for (const c of all) await this.config.runtime.removeContainer(c.id);
    this.views.forget(all.map((c) => c.id));
    this.config.probes.removePod(uid);
    this.config.images.forget(uid);
    this.backoff.forgetPrefix(`${uid}/`);
    this.states.delete(uid);
    await this.config.volumes.tearDown(uid);
  }

  private async killIfUnhealthy(pod: KubeObject, c: any, d: ContainerDetails): Promise<ContainerDetails | undefined> {
    const uid = pod.metadata.uid!;
    const liveness = this.config.probes.result(uid, d.id, 'liveness');
    const startup = this.config.probes.result(uid, d.id, 'startup');
    const which = startup === false ? 'startup' : liveness === false ? 'liveness' : undefined;
    if (!which) return d;
    const probe = which === 'startup' ? c.startupProbe : c.livenessProbe;
    const grace = probe?.terminationGracePeriodSeconds ?? gracePeriod(pod);
    await this.killer.kill(pod, c, d, grace, `Container ${c.name} failed ${which} probe, will be restarted`);
    return this.config.runtime.inspectContainer(d.id);
  }

  private async createSandbox(pod: KubeObject, attempt: number, volumes: Map<string, VolumeSource>, st: PodState): Promise<number | undefined> {
    const image = await this.config.images.ensure(pod, { image: this.config.pauseImage, imagePullPolicy: 'IfNotPresent' });
    if (!image.ok) {
      this.config.event(pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${image.message}`);
      for (const c of pod.spec?.containers ?? []) st.waiting.set(c.name, { reason: 'ContainerCreating' });
      return image.retryAfterMs ?? RETRY_MS;
    }
    const spec = sandboxSpec(pod, attempt, { image: this.config.pauseImage, command: this.config.pauseCommand, clusterDNS: this.config.clusterDNS, clusterDomain: this.config.clusterDomain, volumes });
    try {
      const id = await this.createReplacing(spec);
      await this.config.runtime.startContainer(id);
    } catch (err) {
      this.config.event(pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${(err as Error).message}`);
      return RETRY_MS;
    }
    return undefined;
  }

  /** A leftover with the same name (a create that failed halfway) must not block the attempt. */
  private async createReplacing(spec: Parameters<ContainerRuntime['createContainer']>[0]): Promise<string> {
    spec.labels[LABEL_NODE] = this.config.nodeName;
    try {
      return await this.config.runtime.createContainer(spec);
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 409) throw err;
      const dup = (await this.config.runtime.listContainers(spec.labels)).find((c) => c.name === spec.name);
      if (dup) await this.config.runtime.removeContainer(dup.id);
      return this.config.runtime.createContainer(spec);
    }
  }

  private async start(ctx: StartContext, c: any, kind: 'init' | 'regular', latest: ContainerDetails | undefined): Promise<number | undefined> {
    const { pod, st } = ctx;
    const uid = pod.metadata.uid!;
    const key = `${uid}/${c.name}`;
    const ref = podRef(pod);
    let attempt = latest ? attemptOf(latest) + 1 : 0;
    if (latest && latest.state === 'created') {
      // Created but never started (the last start failed): replace it under the same attempt.
      await this.config.runtime.removeContainer(latest.id);
      attempt = attemptOf(latest);
    } else if (latest?.state === 'exited') {
      if (latest.startedAt && latest.finishedAt - latest.startedAt >= TEN_MINUTES) this.backoff.reset(key);
      const since = latest.finishedAt || this.config.clock.now();
      if (this.backoff.inBackoffSince(key, since)) {
        const delay = this.backoff.duration(key);
        st.waiting.set(c.name, { reason: 'CrashLoopBackOff', message: `back-off ${formatDelay(delay)} restarting failed container=${c.name} pod=${ref.name}_${ref.namespace}(${uid})` });
        this.config.event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${ref.name}_${ref.namespace}(${uid})`);
        return this.backoff.remaining(key, since);
      }
      this.backoff.next(key);
    }
    const image = await this.config.images.ensure(pod, c);
    if (!image.ok) {
      st.waiting.set(c.name, { reason: image.reason, message: image.message });
      return image.retryAfterMs ?? RETRY_MS;
    }
    let id: string;
    try {
      const env = buildEnv({ pod, container: c, podIP: ctx.podIP, node: ctx.node, lookup: this.config.lookup, base: this.config.baseEnv });
      const spec = containerSpec({ pod, container: c, kind, attempt, image: c.image, sandboxId: ctx.sandbox.id, env, volumes: ctx.volumes, terminationLog: this.terminationLog(uid, c.name, attempt) });
      id = await this.createReplacing(spec);
    } catch (err) {
      const config = err instanceof ConfigError;
      const message = (err as { json?: { message?: string } }).json?.message ?? (err as Error).message;
      st.waiting.set(c.name, { reason: config ? 'CreateContainerConfigError' : 'CreateContainerError', message });
      this.config.event(pod, 'Warning', 'Failed', `Error: ${message}`);
      return RETRY_MS;
    }
    this.config.event(pod, 'Normal', 'Created', `Created container: ${c.name}`);
    try {
      await this.config.runtime.startContainer(id);
    } catch (err) {
      const message = (err as { json?: { message?: string } }).json?.message ?? (err as Error).message;
      st.waiting.set(c.name, { reason: 'RunContainerError', message });
      this.config.event(pod, 'Warning', 'Failed', `Error: ${message}`);
      return RETRY_MS;
    }
    this.config.event(pod, 'Normal', 'Started', `Started container ${c.name}`);
    st.waiting.delete(c.name);
    const postStart = c.lifecycle?.postStart;
    if (postStart) {
      const out = await runCheck(this.config.runtime, { containerId: id, sandboxId: ctx.sandbox.id, podIP: ctx.podIP, container: c }, postStart, gracePeriod(pod) * 1000 || 30_000);
      if (!out.ok) {
        this.config.event(pod, 'Warning', 'FailedPostStartHook', `PostStartHook failed: ${out.message}`);
        await this.killer.kill(pod, c, (await this.config.runtime.inspectContainer(id))!, gracePeriod(pod), `FailedPostStartHook`);
      }
    }
    await this.pruneOld(uid, c.name);
    return undefined;
  }

  /** Keeps the newest two instances per container: the current one and the one `logs --previous` reads. */
  private async pruneOld(uid: string, name: string): Promise<void> {
    const view = await this.views.read(uid);
    const old = (view.containers.get(name) ?? []).slice(2);
    for (const d of old) await this.config.runtime.removeContainer(d.id);
    const sandboxes = view.sandboxes.slice(1).filter((s) => s.state !== 'running');
    for (const s of sandboxes) await this.config.runtime.removeContainer(s.id);
    this.views.forget([...old, ...sandboxes].map((d) => d.id));
  }

  private terminationLog(uid: string, name: string, attempt: number): string {
    const dir = path.join(this.config.volumes.podDir(uid), 'containers', name);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${attempt}-${this.config.clock.now().toString(36)}`);
    closeSync(openSync(file, 'w', 0o666));
    return file;
  }

  private syncProbes(pod: KubeObject, view: PodView, sandbox: ContainerDetails, podIP: string): void {
    const specs = [...(pod.spec?.initContainers ?? []).filter((c: any) => c.restartPolicy === 'Always'), ...(pod.spec?.containers ?? [])];
    const running = [];
    for (const c of specs) {
      const d = latestOf(view, c.name);
      if (d?.state === 'running') running.push({ containerId: d.id, sandboxId: sandbox.id, podIP, container: c, startedAt: d.startedAt || d.createdAt });
    }
    this.config.probes.sync(pod, running);
  }

}

interface StartContext {
  pod: KubeObject;
  st: PodState;
  sandbox: ContainerDetails;
  podIP: string;
  volumes: Map<string, VolumeSource>;
  node: NodeFacts;
}

export function gracePeriod(pod: KubeObject): number {
  return pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
}

function shouldRestart(pod: KubeObject, d: ContainerDetails): boolean {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (policy === 'Always') return true;
  if (policy === 'OnFailure') return d.exitCode !== 0;
  return false;
}

function podIPOf(pod: KubeObject, sandbox: ContainerDetails | undefined, node: NodeFacts): string {
  if (pod.spec?.hostNetwork) return node.hostIP;
  return sandbox?.state === 'running' ? sandbox.ip : '';
}

function formatDelay(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  return s % 60 ? `${Math.floor(s / 60)}m${s % 60}s` : `${s / 60}m0s`;
}
