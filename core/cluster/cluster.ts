import { accessSync, constants, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { createApiServer, type ApiServer } from '../apiserver/server.js';
import type { ApiServerDeps, SubresourceHandler, UpgradeHandler } from '../apiserver/deps.js';
import { Client, InformerFactory, type RunningController } from '../client/index.js';
import { createWorkloadControllers, startGarbageCollector, startNamespaceController, type ControllerContext, type ControllerStarter } from '../controllers/index.js';
import { startScheduler } from '../scheduler/index.js';
import { ObjectAPI } from '../registry/object-api.js';
import { Registry } from '../registry/registry.js';
import { builtinDescriptors } from '../registry/kinds/index.js';
import { namespaceLifecycle } from '../registry/admission-plugins/namespace-lifecycle.js';
import { rootCaPublisher } from '../controllers/root-ca-publisher/root-ca-publisher.js';
import { CrdSync, crdBehavior } from '../registry/crd/index.js';
import { reviewBehaviors } from '../registry/kinds/core/reviews.js';
import { bindPod } from '../registry/binding.js';
import { builtinSubresources, tokenHandler } from '../apiserver/handlers/subresources.js';
import { registerStreaming } from '../apiserver/streaming/index.js';
import { ServiceAccountTokens } from '../apiserver/tokens.js';
import { successStatus } from '../api/errors.js';
import type { KubeObject } from '../api/types.js';
import type { BehaviorTable } from '../registry/kinds/behavior.js';
import { mergeBehaviorTables, ServiceAllocators, strategyBehaviors } from '../registry/kinds/strategies/index.js';
import { prefixFor } from '../registry/keys.js';
import { storeLookup } from './store-lookup.js';
import { openStore, type Store } from '../store/index.js';
import { systemClock, type Clock } from '../util/clock.js';
import { createLogger, type Logger } from '../util/logger.js';
import { bootstrapObjects } from './bootstrap.js';
import { mergeKubeconfig, writeStandaloneKubeconfig, type KubeconfigEntry } from './kubeconfig.js';
import { ensurePki, type Pki } from './pki.js';
import { versionInfo } from './version.js';
import { wiring } from './wiring.js';
import type { ContainerRuntime, Kubelet } from '../kubelet/index.js';
import { podAddressFilter } from './pod-listener.js';
import type { PodStreams } from '../api/pod-streams.js';
import { isIP } from 'node:net';

export type KubeconfigTarget = { mode: 'standalone'; file: string } | { mode: 'merge'; file: string; switchContext?: boolean } | { mode: 'none' };

export interface ClusterConfig {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  kubeconfig: KubeconfigTarget;
  kubelet: boolean;
  store?: 'sqlite' | 'memory';
  clock?: Clock;
  logger?: Logger;
  version?: string;
  /** How often watches get bookmarks. */
  bookmarkIntervalMs?: number;
  /** Extra controllers, started after the built-in ones. */
  controllers?: ControllerStarter[];
  /**
   * Run the scheduler and the workload controllers (default true). Tests that start the ones
   * they examine, with their own clock, turn this off so no second copy races them.
   */
  workloads?: boolean;
  /** How the kubelet finds Docker and what it runs pods with. */
  node?: NodeOptions;
}

export interface NodeOptions {
  name?: string;
  /** `DOCKER_HOST` format. */
  dockerHost?: string;
  pauseImage?: string;
  /** For pause images (like busybox) whose own command exits. */
  pauseCommand?: string[];
  /** Inject a runtime (the simulated one for scale tests). */
  runtime?: ContainerRuntime;
}

export type ClusterState = 'stopped' | 'starting' | 'running' | 'stopping' | 'error';

export class ClusterStartError extends Error {}

/**
 * The composition root: store → registry → API server → kubeconfig → controllers, and the
 * same in reverse to stop. Usable as a library by the desktop app and by the headless CLI.
 */
export class Cluster extends EventEmitter {
  readonly config: ClusterConfig;
  private stateValue: ClusterState = 'stopped';
  private store?: Store;
  private server?: ApiServer;
  private running: RunningController[] = [];
  private informers?: InformerFactory;
  private crds?: CrdSync;
  private stopHooks: Array<() => void> = [];
  private readyFlag = false;
  readonly registry = new Registry();
  objects?: ObjectAPI;
  client?: Client;
  pki?: Pki;
  tokens?: ServiceAccountTokens;
  port?: number;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly subresources = new Map<string, SubresourceHandler>();
  kubelet?: Kubelet;
  /** Logs, exec, attach and port-forward of running pods; absent without a kubelet. */
  podStreams?: PodStreams;
  readonly upgrades = new Map<string, UpgradeHandler>();

  constructor(config: ClusterConfig) {
    super();
    this.config = config;
    this.logger = config.logger ?? createLogger({ component: 'skiff' });
    this.clock = config.clock ?? systemClock;
    // Registered once, before any start, so an embedder (or a test) may wrap or replace them.
    for (const [k, h] of Object.entries(builtinSubresources)) this.subresources.set(k, h);
    this.subresources.set('serviceaccounts/token', tokenHandler(() => this.tokens));
    registerStreaming(this, () => this.podStreams);
  }

  get state(): ClusterState {
    return this.stateValue;
  }

  private setState(s: ClusterState, detail?: string): void {
    this.stateValue = s;
    this.emit('state', s, detail);
  }

  get server_url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  kubeconfigEntry(): KubeconfigEntry {
    if (!this.pki || !this.port) throw new Error('the cluster is not running');
    return { server: this.server_url, caCert: this.pki.caCert, clientCert: this.pki.adminCert, clientKey: this.pki.adminKey };
  }

  async start(): Promise<void> {
    if (this.stateValue === 'running' || this.stateValue === 'starting') return;
    this.setState('starting');
    try {
      await this.startInner();
      this.setState('running');
    } catch (err) {
      this.setState('error', (err as Error).message);
      await this.stopInner().catch(() => {});
      throw err;
    }
  }

  private async startInner(): Promise<void> {
    const { dataDir } = this.config;
    try {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      accessSync(dataDir, constants.W_OK);
    } catch (err) {
      throw new ClusterStartError(`cannot use data dir ${dataDir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    // Pods reach the API server at the Docker bridge's gateway (native Linux) or through Docker
    // Desktop's host.docker.internal; the serving certificate must name the former.
    // The kubelet (and Docker's client) load only when pods run: a control plane alone starts faster.
    const kubeletModule = this.config.kubelet ? await import('../kubelet/index.js') : undefined;
    const runtime = kubeletModule ? (this.config.node?.runtime ?? new kubeletModule.DockerRuntime({ dockerHost: this.config.node?.dockerHost })) : undefined;
    const podHost = kubeletModule && runtime instanceof kubeletModule.DockerRuntime ? await runtime.hostAddressForPods().catch(() => undefined) : undefined;
    const podIp = podHost && isIP(podHost) ? podHost : undefined;
    const pkiPromise = ensurePki(path.join(dataDir, 'pki'), { serverIps: podIp ? [podIp] : [] });
    try {
      this.store = openStore(this.config.store === 'memory' ? { kind: 'memory' } : { kind: 'sqlite', dataDir }, { clock: this.clock, logger: this.logger.child('store') });
    } catch (err) {
      throw new ClusterStartError(`cannot open the store in ${dataDir}: ${(err as Error).message}`);
    }
    const pki = await pkiPromise;
    this.pki = pki;
    const tokens = new ServiceAccountTokens(pki.serviceAccountKey, () => this.clock.now());
    this.tokens = tokens;
    const objectsRef = () => this.objects!;
    const behaviors: BehaviorTable = {
      ...reviewBehaviors,
      'apiextensions.k8s.io/CustomResourceDefinition': crdBehavior,
      '/Binding': {
        virtual: async (obj, ctx) => {
          await bindPod(objectsRef(), obj.metadata.namespace!, obj.metadata.name!, obj, ctx);
          return successStatus() as unknown as KubeObject;
        },
      },
      'authentication.k8s.io/TokenReview': {
        nameRule: 'path-segment',
        virtual: (obj) => {
          const user = tokens.verify(obj.spec?.token ?? '', (ns, name) => this.client?.find('v1', 'ServiceAccount', ns, name)?.metadata.uid);
          return { ...obj, metadata: { ...obj.metadata, creationTimestamp: null }, status: user ? { authenticated: true, user, audiences: obj.spec?.audiences ?? [] } : { authenticated: false } };
        },
      },
    };
    const services = new ServiceAllocators();
    const strategies = strategyBehaviors({ services, lookup: storeLookup(this.store, this.registry) });
    for (const d of builtinDescriptors(mergeBehaviorTables(strategies, behaviors))) this.registry.add(d);
    // Cluster IPs and node ports in use follow the stored Services, freed when one goes.
    const servicesPrefix = prefixFor(this.registry.lookup('', 'v1', 'services')!);
    services.seed(this.store.list(servicesPrefix).items.map((v) => v.object));
    const serviceWatch = this.store.watch(servicesPrefix, this.store.revision(), (e) => services.observe(e.type, e.value.object));
    this.stopHooks.push(() => serviceWatch.stop());
    const w = wiring();
    this.objects = new ObjectAPI({
      store: this.store,
      registry: this.registry,
      fields: w.fields,
      patchers: w.patchers,
      schema: w.schema,
      admission: [namespaceLifecycle(this.store)],
    });
    this.client = new Client(this.objects, { clock: this.clock, fieldManager: 'skiff' });
    this.crds = new CrdSync({ store: this.store, registry: this.registry, objects: this.objects, logger: this.logger.child('crd'), now: () => this.clock.now() });
    this.crds.start();
    const deps: ApiServerDeps = {
      objects: this.objects,
      registry: this.registry,
      clock: this.clock,
      logger: this.logger.child('apiserver'),
      protobuf: w.protobuf,
      subresources: this.subresources,
      upgrades: this.upgrades,
      version: versionInfo(this.config.version ?? '0.0.0'),
      openapi: w.openapi(this.registry),
      bookmarkIntervalMs: this.config.bookmarkIntervalMs ?? 60_000,
      ready: () => this.readyFlag,
    };
    this.server = createApiServer({
      deps,
      tls: { caCert: pki.caCert, serverCert: pki.serverCert, serverKey: pki.serverKey },
      tokens: (t) => tokens.verify(t, (ns, name) => this.client?.find('v1', 'ServiceAccount', ns, name)?.metadata.uid),
    });
    try {
      // A free port chosen at the first start is kept, so kubeconfigs stay valid across a stop and start.
      this.port = await this.server.listen(this.config.port === 0 && this.port ? this.port : this.config.port, '127.0.0.1');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new ClusterStartError(code === 'EADDRINUSE' ? `port ${this.config.port} on 127.0.0.1 is already in use; choose another with --port` : `cannot listen on 127.0.0.1:${this.config.port}: ${(err as Error).message}`);
    }
    if (podIp) {
      try {
        await this.server.listen(this.port, podIp, podAddressFilter(podIp));
      } catch (err) {
        this.logger.warn('pods cannot reach the API server', { address: `${podIp}:${this.port}`, error: (err as Error).message });
      }
    }
    await bootstrapObjects(this.client, { apiPort: this.port });
    const kc = this.config.kubeconfig;
    if (kc.mode === 'standalone') writeStandaloneKubeconfig(kc.file, this.kubeconfigEntry());
    else if (kc.mode === 'merge') mergeKubeconfig(kc.file, this.kubeconfigEntry(), { switchContext: kc.switchContext });
    this.informers = new InformerFactory(this.client);
    const ctx: ControllerContext = { client: this.client, informers: this.informers, clock: this.clock, logger: this.logger.child('controllers') };
    const starters: ControllerStarter[] = [
      startNamespaceController,
      startGarbageCollector,
      rootCaPublisher(pki.caCert),
      ...(this.config.workloads === false ? [] : [...createWorkloadControllers({ apiServerEndpoint: podIp ? { ip: podIp, port: this.port } : undefined }), startScheduler]),
      ...(this.config.controllers ?? []),
    ];
    for (const start of starters) this.running.push(start(ctx));
    if (runtime && kubeletModule) {
      const client = this.client;
      this.kubelet = kubeletModule.startKubelet(ctx, {
        dataDir,
        nodeName: this.config.node?.name,
        pauseImage: this.config.node?.pauseImage,
        pauseCommand: this.config.node?.pauseCommand,
        runtime,
        apiServer: { host: podHost ?? 'host.docker.internal', port: this.port, caCert: pki.caCert },
        issueToken: async (namespace, serviceAccount, pod, audiences, expirationSeconds) => {
          const sa = client.get('v1', 'ServiceAccount', namespace, serviceAccount);
          return tokens.issue({ namespace, serviceAccount: { name: serviceAccount, uid: sa.metadata.uid! }, pod: { name: pod.metadata.name!, uid: pod.metadata.uid! }, audiences, expirationSeconds });
        },
      });
      this.running.push(this.kubelet);
      this.podStreams = this.kubelet.streams;
    }
    this.informers.start();
    this.readyFlag = true;
  }

  /**
   * Stops the control plane. Pod containers keep running (a restart adopts them) unless
   * `stopPods` asks otherwise, as turning Kubernetes off does; starting again restarts them.
   */
  async stop(opts: { stopPods?: boolean } = {}): Promise<void> {
    if (this.stateValue === 'stopped') return;
    this.setState('stopping');
    if (opts.stopPods) await this.kubelet?.stopAllPods().catch((err) => this.logger.warn('could not stop pod containers', { error: String(err) }));
    await this.stopInner();
    this.setState('stopped');
  }

  /** Wipes every object and this node's containers, keeping the certificates, and starts again if it was running. */
  async reset(): Promise<void> {
    const wasRunning = this.stateValue === 'running';
    if (this.kubelet) await this.kubelet.removeAllContainers().catch((err) => this.logger.warn('could not remove pod containers', { error: String(err) }));
    await this.stop();
    for (const f of ['store.db', 'store.db-wal', 'store.db-shm']) rmSync(path.join(this.config.dataDir, f), { force: true });
    rmSync(path.join(this.config.dataDir, 'pods'), { recursive: true, force: true });
    if (wasRunning) await this.start();
  }

  private async stopInner(): Promise<void> {
    this.readyFlag = false;
    this.kubelet = undefined;
    this.podStreams = undefined;
    for (const c of this.running.splice(0).reverse()) c.stop();
    this.informers?.stop();
    this.crds?.stop();
    for (const stop of this.stopHooks.splice(0)) stop();
    await this.server?.close();
    await this.store?.close();
    this.server = undefined;
    this.store = undefined;
  }
}

export function createCluster(config: ClusterConfig): Cluster {
  return new Cluster(config);
}
