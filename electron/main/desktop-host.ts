// The desktop app's side of the bridge: it owns the cluster, builds it from the settings,
// builds a new one when a setting that shapes it changed, and serialises start, stop and
// reset so a double click never runs two at once.
import { EventEmitter } from 'node:events';
import { defaultKubeconfigPath, type Cluster, type ClusterConfig } from '../../core/cluster/index.js';
import { resetCluster, stopWithPods, type BridgedCluster, type ClusterHost, type SettingsFile } from '../../core/bridge/index.js';
import type { ClusterPhase, Settings, SettingsView } from '../shared/index.js';
import { shapingChanged } from './app-settings.js';
import { useSkiffContext } from './kube-context.js';

export interface DesktopHostOptions {
  settings: SettingsFile;
  createCluster: (config: ClusterConfig) => Cluster;
  skiffVersion: string;
  toolsDir?: string;
  kubeconfigFile?: string;
  /** Stops the cluster and its pods' containers (replaced in tests). */
  stopCluster?: (cluster: Cluster) => Promise<void>;
  resetCluster?: (cluster: Cluster) => Promise<void>;
  setOpenAtLogin: (enabled: boolean) => void;
}

export function clusterConfigFrom(s: Settings, version: string, kubeconfigFile = defaultKubeconfigPath()): ClusterConfig {
  return {
    dataDir: s.dataDir,
    port: s.apiPort,
    // Merged like the CLI does: other contexts stay, the current one changes only on request.
    kubeconfig: { mode: 'merge', file: kubeconfigFile, switchContext: false },
    kubelet: true,
    node: { dockerHost: s.dockerSocket ? (s.dockerSocket.includes('://') ? s.dockerSocket : `unix://${s.dockerSocket}`) : undefined },
    version,
  };
}

export class DesktopHost implements ClusterHost {
  readonly kind = 'electron' as const;
  readonly skiffVersion: string;
  private cluster: BridgedCluster;
  private builtFrom: Settings;
  private error?: string;
  private stopping = false;
  private readonly events = new EventEmitter();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: DesktopHostOptions) {
    this.skiffVersion = opts.skiffVersion;
    this.builtFrom = opts.settings.get();
    this.cluster = this.build();
    opts.settings.onDidChange(() => this.events.emit('settings'));
  }

  private build(): BridgedCluster {
    const s = this.opts.settings.get();
    this.builtFrom = s;
    const c = this.opts.createCluster(clusterConfigFrom(s, this.skiffVersion, this.opts.kubeconfigFile)) as BridgedCluster;
    c.on('state', (state: string, detail?: string) => {
      if (state === 'error') this.error = detail;
      else if (state === 'running') this.error = undefined;
      this.events.emit('change');
    });
    return c;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => {});
    return next;
  }

  current(): BridgedCluster {
    return this.cluster;
  }

  onDidChange(listener: () => void): () => void {
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }

  lastError(): string | undefined {
    return this.error;
  }

  phase(): ClusterPhase {
    return this.stopping ? 'stopping' : this.cluster.state;
  }

  /** Starts (a rebuilt cluster if its settings changed); a failure shows as the `error` state. */
  start(): Promise<void> {
    return this.serial(async () => {
      if (shapingChanged(this.builtFrom, this.opts.settings.get()).length && this.cluster.state !== 'running') {
        this.cluster.removeAllListeners('state');
        this.cluster = this.build();
        this.events.emit('change');
      }
      await this.cluster.start().catch((err: Error) => {
        this.error = err.message;
        this.events.emit('change');
      });
    });
  }

  /** Stops the cluster and its pods' containers: Kubernetes off means nothing of it runs. */
  stop(): Promise<void> {
    return this.serial(async () => {
      this.stopping = true;
      this.events.emit('change');
      try {
        await (this.opts.stopCluster ?? stopWithPods)(this.cluster);
      } finally {
        this.stopping = false;
        this.events.emit('change');
      }
    });
  }

  async setKubernetesEnabled(enabled: boolean): Promise<void> {
    this.opts.settings.update({ kubernetesEnabled: enabled });
    await (enabled ? this.start() : this.stop());
  }

  reset(): Promise<void> {
    return this.serial(async () => {
      const wasEnabled = this.opts.settings.get().kubernetesEnabled;
      await (this.opts.resetCluster ?? resetCluster)(this.cluster);
      if (wasEnabled) await this.cluster.start().catch((err: Error) => (this.error = err.message));
      this.events.emit('change');
    });
  }

  async useSkiffContext(options: { switchContext: boolean }) {
    return useSkiffContext(this.cluster, { switchContext: options.switchContext, file: this.opts.kubeconfigFile });
  }

  getSettings(): SettingsView {
    const values = this.opts.settings.get();
    return { values, readOnly: {}, pendingRestart: shapingChanged(this.builtFrom, values) };
  }

  async updateSettings(changes: Partial<Settings>): Promise<SettingsView> {
    const { kubernetesEnabled, ...rest } = changes;
    if (Object.keys(rest).length) this.opts.settings.update(rest);
    if (rest.startAtLogin !== undefined) this.opts.setOpenAtLogin(rest.startAtLogin);
    if (kubernetesEnabled !== undefined) await this.setKubernetesEnabled(kubernetesEnabled);
    return this.getSettings();
  }

  onDidChangeSettings(listener: (view: SettingsView) => void): () => void {
    const l = () => listener(this.getSettings());
    this.events.on('settings', l);
    return () => this.events.off('settings', l);
  }

  toolsDir(): string | undefined {
    return this.opts.toolsDir;
  }
}
