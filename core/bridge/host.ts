// What the bridge service needs from whoever owns the cluster. The desktop app and the
// headless CLI own it differently (the app can rebuild it with new settings, the CLI runs the
// one its flags describe), so each implements this and the service stays the same.
import type { Cluster } from '../cluster/index.js';
import type { PodStreams } from '../api/pod-streams.js';
import type { ClusterPhase, KubeContextResult, SettingsView, Settings, Unsubscribe } from './contract.js';

/** The cluster as the bridge reads it: `podStreams` comes from the kubelet when it runs. */
export type BridgedCluster = Cluster & {
  podStreams?: PodStreams;
};

export interface ClusterHost {
  readonly kind: 'electron' | 'headless';
  readonly skiffVersion: string;
  /** The cluster now; the desktop app makes a new one when settings that shape it change. */
  current(): BridgedCluster;
  /** Calls back when the cluster changes state or is replaced. */
  onDidChange(listener: () => void): Unsubscribe;
  /** Why the cluster is in `error` (the last start failure). */
  lastError(): string | undefined;
  /** The cluster's state as people should see it: `stopping` until its containers are down too. */
  phase(): ClusterPhase;
  setKubernetesEnabled(enabled: boolean): Promise<void>;
  reset(): Promise<void>;
  useSkiffContext(options: { switchContext: boolean }): Promise<KubeContextResult>;
  getSettings(): SettingsView;
  updateSettings(changes: Partial<Settings>): Promise<SettingsView>;
  onDidChangeSettings(listener: (view: SettingsView) => void): Unsubscribe;
  /** Where kubectl and helm for the shell terminal are, if anywhere. */
  toolsDir(): string | undefined;
}
