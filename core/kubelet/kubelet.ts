import path from 'node:path';
import type { PodStreams } from '../api/pod-streams.js';
import type { KubeObject } from '../api/types.js';
import { EventRecorder, isConflict, isNotFound, runController, WorkQueue, type Informer, type RunningController } from '../client/index.js';
import type { ControllerContext } from '../controllers/types.js';
import { DEFAULT_PAUSE_IMAGE, type KubeletConfig } from './config.js';
import { ImagePuller } from './images/image-puller.js';
import { defaultHostIP, defaultNodeName } from './node/host.js';
import { NodeAgent } from './node/node-agent.js';
import { gracePeriod, PodSync } from './pod/pod-sync.js';
import { ProbeManager } from './probes/probe-manager.js';
import { DockerRuntime } from './runtime/docker-runtime.js';
import { LABEL_NODE, LABEL_POD_UID, MANAGED } from './runtime/labels.js';
import type { ContainerRuntime } from './runtime/types.js';
import { StaticPodSource, isMirrorPod } from './static/static-pods.js';
import { KubeletPodStreams } from './streams/pod-streams.js';
import { MirrorPods } from './static/mirror-pods.js';
import { StatusWriter } from './pod/status-writer.js';
import { TokenManager } from './volumes/token-manager.js';
import { VolumeManager } from './volumes/volume-manager.js';
import { Housekeeping } from './housekeeping.js';

export interface Kubelet extends RunningController {
  readonly nodeName: string;
  readonly runtime: ContainerRuntime;
  readonly streams: PodStreams;
  /** Resolves after the Node is registered and leftovers of an earlier run were adopted or removed. */
  readonly started: Promise<void>;
  /** Stops every pod's containers (Kubernetes turned off); a later kubelet starts them again. */
  stopAllPods(): Promise<void>;
  /** Removes every container and volume Skiff made on this daemon ("Reset cluster"). */
  removeAllContainers(): Promise<void>;
}

/** Starts the kubelet for one node: registration, heartbeats and pods on the container runtime. */
export function startKubelet(ctx: ControllerContext, config: KubeletConfig): Kubelet {
  return new KubeletImpl(ctx, config);
}

class KubeletImpl implements Kubelet {
  readonly name = 'kubelet';
  readonly nodeName: string;
  readonly runtime: ContainerRuntime;
  readonly streams: PodStreams;
  readonly started: Promise<void>;
  private readonly queue: WorkQueue;
  private readonly controller: RunningController;
  private readonly pods: Informer;
  private readonly agent: NodeAgent;
  private readonly sync: PodSync;
  private readonly statics: StaticPodSource;
  private readonly mirrors: MirrorPods;
  private readonly housekeeping: Housekeeping;
  private readonly probes: ProbeManager;
  /** Last spec seen per UID, to stop a pod gracefully after it vanished from the API. */
  private readonly known = new Map<string, KubeObject>();
  private readonly unsubscribe: Array<() => void> = [];
  private stopped = false;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly config: KubeletConfig,
  ) {
    const { client, clock, informers } = ctx;
    const logger = ctx.logger.child('kubelet');
    this.nodeName = config.nodeName ?? defaultNodeName();
    this.runtime = config.runtime ?? new DockerRuntime({ dockerHost: config.dockerHost });
    const hostIP = config.nodeIP ?? defaultHostIP();
    const recorder = new EventRecorder(client.as('kubelet'), { component: 'kubelet', host: this.nodeName });
    const event = (pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string) => recorder.event(pod, type, reason, message);
    this.queue = new WorkQueue({ clock, baseDelayMs: 500, maxDelayMs: 30_000 });
    this.pods = informers.for('v1', 'Pod');
    const configMaps = informers.for('v1', 'ConfigMap');
    const secrets = informers.for('v1', 'Secret');
    const claims = informers.for('v1', 'PersistentVolumeClaim');
    const volumes = informers.for('v1', 'PersistentVolume');
    for (const i of [this.pods, configMaps, secrets, claims, volumes]) i.start();
    const lookup = {
      configMap: (ns: string, name: string) => configMaps.get(ns, name),
      secret: (ns: string, name: string) => secrets.get(ns, name),
      persistentVolumeClaim: (ns: string, name: string) => claims.get(ns, name),
      persistentVolume: (name: string) => volumes.get(undefined, name),
    };
    this.agent = new NodeAgent({
      client: client.as('kubelet'),
      runtime: this.runtime,
      clock,
      logger,
      nodeName: this.nodeName,
      hostIP,
      dataDir: config.dataDir,
      heartbeatMs: config.heartbeatMs,
      onReadinessChange: (ready) => {
        if (ready) this.resyncAll();
      },
    });
    this.probes = new ProbeManager({ runtime: this.runtime, clock, event, onChange: (uid) => this.queue.add(uid) });
    const volumeManager = new VolumeManager({ dataDir: config.dataDir, nodeName: this.nodeName, runtime: this.runtime, clock, lookup, tokens: new TokenManager(config.issueToken, clock), caCert: config.apiServer.caCert });
    this.mirrors = new MirrorPods({ client: client.as('kubelet'), nodeName: this.nodeName });
    const writer = new StatusWriter({ client: client.as('kubelet'), clock, mirrors: this.mirrors });
    this.sync = new PodSync({
      runtime: this.runtime,
      clock,
      logger,
      volumes: volumeManager,
      images: new ImagePuller({ runtime: this.runtime, clock, secret: lookup.secret, event }),
      probes: this.probes,
      lookup,
      node: () => this.agent.facts(),
      event,
      writeStatus: (pod, status) => writer.write(pod, status),
      nodeName: this.nodeName,
      pauseImage: config.pauseImage ?? DEFAULT_PAUSE_IMAGE,
      pauseCommand: config.pauseCommand,
      clusterDNS: config.clusterDNS,
      clusterDomain: config.clusterDomain ?? 'cluster.local',
      baseEnv: apiServerEnv(config.apiServer),
      backoffInitialMs: config.backoffInitialMs,
      backoffMaxMs: config.backoffMaxMs,
    });
    this.streams = new KubeletPodStreams({ runtime: this.runtime, views: this.sync.views, clock, runtimeUid: (pod) => this.mirrors.runtimeUid(pod) });
    this.statics = new StaticPodSource({ dir: path.join(config.dataDir, 'manifests'), nodeName: this.nodeName, clock, logger, onChange: () => this.resyncAll() });
    this.housekeeping = new Housekeeping({
      runtime: this.runtime,
      clock,
      logger,
      nodeName: this.nodeName,
      dataDir: config.dataDir,
      intervalMs: config.resyncMs ?? 10_000,
      desired: () => this.desiredUids(),
      known: () => new Set([...this.known.keys()]),
      remove: (uid) => this.sync.remove(uid),
      tick: () => this.resyncAll(),
    });

    this.unsubscribe.push(
      this.pods.on({
        add: (p) => this.onPod(p),
        update: (p) => this.onPod(p),
        delete: (p) => this.onPod(p),
      }),
      secrets.on({ update: (s) => this.onConfigObject(s), add: (s) => this.onConfigObject(s) }),
      configMaps.on({ update: (s) => this.onConfigObject(s), add: (s) => this.onConfigObject(s) }),
      claims.on({ update: (s) => this.onConfigObject(s) }),
    );
    this.controller = runController({ name: 'kubelet', queue: this.queue, reconcile: (uid) => this.reconcile(uid), workers: config.workers ?? 8, logger });
    this.started = this.boot().catch((err) => logger.warn('kubelet start failed', { error: (err as Error).message }));
  }

  private async boot(): Promise<void> {
    await this.agent.start();
    this.statics.start();
    this.watchRuntime();
    await this.housekeeping.start();
    this.resyncAll();
  }

  private watchRuntime(): void {
    if (this.stopped) return;
    const stop = this.runtime.watchEvents(
      (e) => {
        if (e.labels[LABEL_NODE] !== this.nodeName) return;
        const uid = e.labels[LABEL_POD_UID];
        if (uid) this.queue.add(uid);
      },
      () => {
        // The daemon went away or restarted: heartbeats notice; resubscribe once it answers again.
        this.ctx.clock.setTimeout(() => this.watchRuntime(), 2000);
        void this.agent.beat();
      },
    );
    this.unsubscribe.push(stop);
  }

  private onPod(pod: KubeObject): void {
    if (pod.spec?.nodeName !== this.nodeName || isMirrorPod(pod)) {
      if (isMirrorPod(pod) && pod.spec?.nodeName === this.nodeName) this.resyncAll();
      return;
    }
    this.queue.add(pod.metadata.uid!);
  }

  private onConfigObject(obj: KubeObject): void {
    const ns = obj.metadata.namespace;
    for (const uid of this.desiredUids()) {
      const p = this.podFor(uid);
      if (p?.metadata.namespace === ns) this.queue.add(uid);
    }
  }

  private podFor(uid: string): KubeObject | undefined {
    const stat = this.statics.current.get(uid);
    if (stat) return stat;
    return this.apiPods().get(uid);
  }

  private apiPods(): Map<string, KubeObject> {
    const out = new Map<string, KubeObject>();
    for (const p of this.pods.list()) if (p.spec?.nodeName === this.nodeName && !isMirrorPod(p)) out.set(p.metadata.uid!, p);
    return out;
  }

  private desiredUids(): Set<string> {
    return new Set([...this.apiPods().keys(), ...this.statics.current.keys()]);
  }

  private resyncAll(): void {
    if (this.stopped) return;
    for (const uid of this.desiredUids()) this.queue.add(uid);
    for (const uid of this.known.keys()) this.queue.add(uid);
  }

  private async reconcile(uid: string): Promise<{ requeueAfterMs?: number } | void> {
    if (this.stopped) return;
    const pod = this.podFor(uid);
    if (!pod) {
      const last = this.known.get(uid);
      if (last) {
        await this.sync.terminate(last, gracePeriod(last));
        await this.sync.remove(uid);
        this.known.delete(uid);
        if (last.metadata.annotations?.['kubernetes.io/config.source'] === 'file') await this.mirrors.remove(last);
      }
      return;
    }
    this.known.set(uid, pod);
    const isStatic = this.statics.current.has(uid);
    if (pod.metadata.deletionTimestamp && !isStatic) {
      await this.sync.terminate(pod, gracePeriod(pod));
      try {
        await this.ctx.client.as('kubelet').delete('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid } });
      } catch (err) {
        if (!isNotFound(err) && !isConflict(err)) throw err;
      }
      return;
    }
    if (isStatic) await this.mirrors.ensure(pod);
    const requeue = await this.sync.sync(pod);
    return requeue !== undefined ? { requeueAfterMs: requeue } : undefined;
  }

  stop(): void {
    this.stopped = true;
    this.controller.stop();
    this.agent.stop();
    this.statics.stop();
    this.housekeeping.stop();
    this.probes.stopAll();
    for (const u of this.unsubscribe.splice(0)) u();
  }

  idle(): Promise<void> {
    return this.controller.idle();
  }

  async stopAllPods(): Promise<void> {
    const list = await this.runtime.listContainers({ ...MANAGED, [LABEL_NODE]: this.nodeName });
    const apps = list.filter((c) => c.state === 'running' && c.labels['io.kubernetes.docker.type'] !== 'podsandbox');
    await Promise.all(
      apps.map((c) => {
        const pod = this.podFor(c.labels[LABEL_POD_UID] ?? '');
        return this.runtime.stopContainer(c.id, pod ? Math.min(gracePeriod(pod), 10) : 10);
      }),
    );
    for (const c of list) if (c.state === 'running' && c.labels['io.kubernetes.docker.type'] === 'podsandbox') await this.runtime.stopContainer(c.id, 0);
  }

  /** Removes this node's containers and volumes; other clusters sharing the daemon keep theirs. */
  async removeAllContainers(): Promise<void> {
    const mine = { ...MANAGED, [LABEL_NODE]: this.nodeName };
    for (const c of await this.runtime.listContainers(mine)) await this.runtime.removeContainer(c.id);
    for (const v of await this.runtime.listVolumes(mine)) await this.runtime.removeVolume(v);
  }
}

/** The variables upstream derives from the `kubernetes` Service, pointed where containers reach the API server. */
export function apiServerEnv(api: { host: string; port: number }): Array<[string, string]> {
  const port = String(api.port);
  const url = `tcp://${api.host}:${port}`;
  return [
    ['KUBERNETES_SERVICE_HOST', api.host],
    ['KUBERNETES_SERVICE_PORT', port],
    ['KUBERNETES_SERVICE_PORT_HTTPS', port],
    ['KUBERNETES_PORT', url],
    [`KUBERNETES_PORT_${port}_TCP`, url],
    [`KUBERNETES_PORT_${port}_TCP_PROTO`, 'tcp'],
    [`KUBERNETES_PORT_${port}_TCP_PORT`, port],
    [`KUBERNETES_PORT_${port}_TCP_ADDR`, api.host],
  ];
}
