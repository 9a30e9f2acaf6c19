// The host for `skiff up`: one cluster, shaped by the CLI's flags. The dashboard may stop and
// start it (the Kubernetes toggle) and reset it, but not change what the flags decided.
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { defaultKubeconfigPath, mergeKubeconfig, type Cluster } from '../cluster/index.js';
import type { Settings, SettingsView } from './contract.js';
import type { BridgedCluster, ClusterHost } from './host.js';
import { SettingsFile, defaultSettings } from './settings.js';
import { resetCluster, stopWithPods } from './wipe.js';
import { unavailable } from './errors.js';
import { StatusError } from '../api/errors.js';

export interface HeadlessHostOptions {
  cluster: Cluster;
  skiffVersion: string;
  toolsDir?: string;
  /** Where the dashboard's own preferences are kept; default `<dataDir>/dashboard.json`. */
  settingsFile?: string;
  kubeconfigFile?: string;
}

const FROM_FLAGS = 'set by the skiff up command line; restart it to change';

export function createHeadlessHost(opts: HeadlessHostOptions): ClusterHost & { dispose(): void } {
  const cluster = opts.cluster as BridgedCluster;
  const events = new EventEmitter();
  let error: string | undefined;
  let stopping = false;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => {});
    return next;
  };
  const onState = (state: string, detail?: string) => {
    if (state === 'error') error = detail;
    else if (state === 'running') error = undefined;
    events.emit('change');
  };
  cluster.on('state', onState);
  const file = new SettingsFile(opts.settingsFile ?? path.join(cluster.config.dataDir, 'dashboard.json'), {
    ...defaultSettings(cluster.config.dataDir),
  });
  const view = (): SettingsView => {
    const stored = file.get();
    const values: Settings = {
      ...stored,
      kubernetesEnabled: cluster.state === 'running' || cluster.state === 'starting',
      apiPort: cluster.port ?? cluster.config.port,
      dataDir: cluster.config.dataDir,
      dockerSocket: cluster.config.node?.dockerHost ?? process.env.DOCKER_HOST ?? '',
      startAtLogin: false,
    };
    return {
      values,
      readOnly: { apiPort: FROM_FLAGS, dataDir: FROM_FLAGS, dockerSocket: 'set by skiff up (--docker-host, else DOCKER_HOST)', startAtLogin: 'only the desktop app starts at login' },
      pendingRestart: [],
    };
  };
  const offSettings = file.onDidChange(() => events.emit('settings'));
  events.on('change', () => events.emit('settings'));

  return {
    kind: 'headless',
    skiffVersion: opts.skiffVersion,
    current: () => cluster,
    onDidChange(listener) {
      events.on('change', listener);
      return () => events.off('change', listener);
    },
    lastError: () => error,
    phase: () => (stopping ? 'stopping' : cluster.state),
    setKubernetesEnabled: (enabled) =>
      serial(async () => {
        if (enabled) await cluster.start().catch((err: Error) => {
          error = err.message;
          events.emit('change');
        });
        else {
          stopping = true;
          events.emit('change');
          try {
            await stopWithPods(cluster);
          } finally {
            stopping = false;
            events.emit('change');
          }
        }
      }),
    reset: () =>
      serial(async () => {
        await resetCluster(cluster);
        await cluster.start();
      }),
    async useSkiffContext({ switchContext }) {
      if (cluster.state !== 'running') throw unavailable('start Kubernetes first: the kubeconfig needs the running API server');
      const r = mergeKubeconfig(opts.kubeconfigFile ?? defaultKubeconfigPath(), cluster.kubeconfigEntry(), { switchContext });
      return { file: r.file, current: r.current, backup: r.backup };
    },
    getSettings: view,
    async updateSettings(changes) {
      const { kubernetesEnabled, ...others } = changes;
      const rest: Partial<Settings> = others;
      const ro = view().readOnly;
      for (const k of Object.keys(rest) as (keyof Settings)[]) if (ro[k] && rest[k] !== view().values[k]) throw new StatusError(403, 'Forbidden', `${k} is ${ro[k]}`);
      for (const k of Object.keys(ro) as (keyof Settings)[]) delete rest[k];
      if (Object.keys(rest).length) file.update(rest);
      if (kubernetesEnabled !== undefined) await this.setKubernetesEnabled(kubernetesEnabled);
      return view();
    },
    onDidChangeSettings(listener) {
      const l = () => listener(view());
      events.on('settings', l);
      return () => events.off('settings', l);
    },
    toolsDir: () => opts.toolsDir,
    dispose() {
      cluster.off('state', onState);
      offSettings();
      events.removeAllListeners();
    },
  };
}
