// The one contract between the dashboard (renderer) and whatever hosts the cluster: the
// Electron main process over IPC, or the headless CLI over HTTP and WebSocket. Types only, so
// the renderer can `import type` it without pulling Node code into a browser bundle.
//
// Requests return promises; a failure rejects with a `BridgeError` whose `status` is a
// Kubernetes Status. Subscriptions are named `onDid*`, take their arguments first and the
// listener last, and return a function that unsubscribes.
import type { KubeObject, Status } from '../api/types.js';

export type { KubeObject, Status };

export type Unsubscribe = () => void;

/** What a rejected bridge promise carries (an Error on the receiving side). */
export interface BridgeError extends Error {
  status: Status;
}

export type ClusterPhase = 'stopped' | 'starting' | 'running' | 'stopping' | 'error';

export interface ClusterInfo {
  phase: ClusterPhase;
  /** Why the cluster is in `error`, or what it is doing while starting. */
  detail?: string;
  kubernetesVersion: string;
  skiffVersion: string;
  /** `https://127.0.0.1:PORT` while running. */
  apiServer?: string;
  /** The kubelet runs pods on Docker (false with `--no-kubelet`). */
  kubelet: boolean;
  dataDir: string;
  /** Which host serves the bridge: the desktop app or `skiff up`. */
  host: 'electron' | 'headless';
}

/** A served kind, as discovery would describe it. */
export interface ResourceTypeInfo {
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  verbs: string[];
}

/** Which objects: a kind, optionally narrowed to a namespace and selectors. */
export interface ObjectQuery {
  apiVersion: string;
  kind: string;
  /** Omitted or empty: all namespaces. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** One object by name. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface ObjectList {
  items: KubeObject[];
  resourceVersion: string;
}

export interface ObjectChange {
  type: 'added' | 'modified' | 'deleted';
  object: KubeObject;
}

/**
 * A watch as the dashboard needs it: `sync` replaces everything known (first, and again after
 * the cluster restarts), then `changes` in order, batched when they arrive together;
 * `unavailable` says the cluster is not serving now, and a `sync` follows when it is again.
 */
export type ObjectsEvent =
  | { type: 'sync'; items: KubeObject[]; resourceVersion: string }
  | { type: 'changes'; changes: ObjectChange[] }
  | { type: 'unavailable'; status: Status };

export type PatchKind = 'merge' | 'json' | 'strategic';

export interface ApplyOptions {
  /** For documents without a namespace of their own. */
  namespace?: string;
  dryRun?: boolean;
  /** Take ownership of fields another manager owns (server-side apply `force`). */
  force?: boolean;
}

export interface DeleteRequest {
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  gracePeriodSeconds?: number;
}

export interface LogRequest {
  namespace: string;
  pod: string;
  container: string;
  /** The previous instance of the container (after a restart). */
  previous?: boolean;
  timestamps?: boolean;
  tailLines?: number;
  /** Keep following; reconnects when the container restarts. Default true. */
  follow?: boolean;
}

export type LogEvent =
  | { type: 'data'; text: string }
  /** A line for the reader, not from the container: reconnects, the container ending. */
  | { type: 'notice'; text: string }
  | { type: 'end'; status?: Status };

export type TerminalRequest =
  | { kind: 'shell'; cols: number; rows: number }
  | { kind: 'exec'; namespace: string; pod: string; container: string; command?: string[]; cols: number; rows: number };

export type TerminalEvent =
  | { type: 'ready'; id: string; title: string }
  | { type: 'data'; data: string }
  | { type: 'exit'; exitCode?: number; message?: string };

export interface Settings {
  /** Start Kubernetes when the app starts; the toggle sets it. */
  kubernetesEnabled: boolean;
  startAtLogin: boolean;
  /** The API server's port on 127.0.0.1. */
  apiPort: number;
  dataDir: string;
  /** Empty: Docker's default (DOCKER_HOST, else the platform's socket). */
  dockerSocket: string;
  /** Show kube-system and other system objects in lists. */
  showSystemContainers: boolean;
  /** "Use the skiff context" also makes it kubectl's current context. */
  switchContext: boolean;
  theme: 'system' | 'light' | 'dark';
}

export interface SettingsView {
  values: Settings;
  /** Settings this host cannot change, with the reason (web mode takes them from flags). */
  readOnly: Partial<Record<keyof Settings, string>>;
  /** Settings changed since the cluster started that apply at its next start. */
  pendingRestart: (keyof Settings)[];
}

export interface KubeContextResult {
  file: string;
  /** Whether kubectl's current context is now `skiff`. */
  current: boolean;
  backup?: string;
}

export interface NodeUsage {
  /** Cores and bytes the node offers pods. */
  cpuCapacity: number;
  memoryCapacity: number;
  /** What running pods request. */
  cpuRequested: number;
  memoryRequested: number;
  /** What Skiff's containers use now, from Docker; undefined when Docker cannot say. */
  cpuUsed?: number;
  memoryUsed?: number;
}

export interface SkiffBridge {
  getClusterInfo(): Promise<ClusterInfo>;
  onDidChangeCluster(listener: (info: ClusterInfo) => void): Unsubscribe;
  /** The Kubernetes toggle: remembers the choice and starts or stops the cluster. */
  setKubernetesEnabled(enabled: boolean): Promise<ClusterInfo>;
  /** Wipes the store and Skiff's containers, then starts empty. */
  resetCluster(): Promise<ClusterInfo>;
  /** Merges the `skiff` context into the user's kubeconfig, keeping everything else. */
  useSkiffContext(options: { switchContext: boolean }): Promise<KubeContextResult>;

  listResourceTypes(): Promise<ResourceTypeInfo[]>;
  list(query: ObjectQuery): Promise<ObjectList>;
  get(ref: ObjectRef): Promise<KubeObject>;
  onDidChangeObjects(query: ObjectQuery, listener: (event: ObjectsEvent) => void): Unsubscribe;
  onDidChangeNodeUsage(listener: (usage: NodeUsage) => void): Unsubscribe;

  /** Server-side apply of each YAML document, as field manager `skiff-dashboard`. */
  applyYaml(yaml: string, options?: ApplyOptions): Promise<KubeObject[]>;
  patch(ref: ObjectRef, kind: PatchKind, body: unknown): Promise<KubeObject>;
  scale(ref: ObjectRef, replicas: number): Promise<KubeObject>;
  /** What `kubectl rollout restart` does: a new pod template annotation. */
  restartRollout(ref: ObjectRef): Promise<KubeObject>;
  delete(ref: ObjectRef, options?: DeleteRequest): Promise<void>;

  onDidReceiveLogs(request: LogRequest, listener: (event: LogEvent) => void): Unsubscribe;

  /** Opens a terminal for as long as the subscription lasts; `ready` gives its id. */
  onDidTerminalEvent(request: TerminalRequest, listener: (event: TerminalEvent) => void): Unsubscribe;
  writeTerminal(id: string, data: string): Promise<void>;
  resizeTerminal(id: string, cols: number, rows: number): Promise<void>;

  getSettings(): Promise<SettingsView>;
  updateSettings(changes: Partial<Settings>): Promise<SettingsView>;
  onDidChangeSettings(listener: (view: SettingsView) => void): Unsubscribe;
}

export type RequestName = { [K in keyof SkiffBridge]: K extends `onDid${string}` ? never : K }[keyof SkiffBridge];
export type SubscriptionName = Exclude<keyof SkiffBridge, RequestName>;
