import type { Duplex, Readable, Writable } from 'node:stream';

/**
 * What the kubelet needs from whatever runs containers. Shaped after Docker (a pod is a
 * sandbox container plus containers joining its network namespace) because that is what Skiff
 * runs on; the simulated runtime implements the same surface in memory.
 */
export interface ContainerRuntime {
  /** Facts about the daemon for the Node object; throws when the daemon is unreachable. */
  info(): Promise<RuntimeInfo>;
  ping(): Promise<void>;

  createContainer(spec: ContainerSpec): Promise<string>;
  startContainer(id: string): Promise<void>;
  /** SIGTERM (or the image's stop signal), SIGKILL after `timeoutSeconds`. */
  stopContainer(id: string, timeoutSeconds: number): Promise<void>;
  removeContainer(id: string): Promise<void>;
  /** Every container, running or not, carrying all of `labels`. */
  listContainers(labels: Record<string, string>): Promise<ContainerSummary[]>;
  inspectContainer(id: string): Promise<ContainerDetails | undefined>;

  logs(id: string, opts: RuntimeLogOptions): Promise<Readable>;
  exec(id: string, opts: RuntimeExecOptions): Promise<RuntimeSession>;
  attach(id: string, opts: { stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean }): Promise<RuntimeSession>;
  /** A byte stream to `port` inside the network namespace of the sandbox `sandboxId`. */
  dial(sandboxId: string, port: number): Promise<Duplex>;

  /** Undefined when the image is not present locally. */
  inspectImage(ref: string): Promise<ImageInfo | undefined>;
  pullImage(ref: string, auth: RegistryAuth | undefined, onProgress?: (line: string) => void): Promise<void>;

  /** Volumes the runtime keeps (tmpfs emptyDirs); labelled like containers so they can be found again. */
  createVolume(name: string, opts: { tmpfs: boolean; labels: Record<string, string> }): Promise<void>;
  removeVolume(name: string): Promise<void>;
  listVolumes(labels: Record<string, string>): Promise<string[]>;

  /** Calls back whenever a container changes state; `onError` when the stream breaks. Returns a stop function. */
  watchEvents(onEvent: (e: RuntimeEvent) => void, onError: (err: Error) => void): () => void;
}

export interface RuntimeInfo {
  name: string;
  cpus: number;
  memoryBytes: number;
  os: string;
  osImage: string;
  kernelVersion: string;
  architecture: string;
  runtimeVersion: string;
  /** The container runtime's name in `containerRuntimeVersion` (`docker`). */
  runtimeName: string;
  /** True where pod IPs are routable from this process (a native Linux daemon). */
  podNetworkReachable: boolean;
}

export interface Mount {
  /** A host path, or a runtime volume name when `volume` is set. */
  source: string;
  target: string;
  readOnly: boolean;
  volume?: boolean;
}

export interface ContainerSpec {
  name: string;
  image: string;
  labels: Record<string, string>;
  command?: string[];
  args?: string[];
  env: string[];
  workingDir?: string;
  /** `container:<id>` to join a sandbox, `host`, or undefined for the default bridge. */
  networkMode?: string;
  hostname?: string;
  dns?: { servers: string[]; searches: string[]; options: string[] };
  extraHosts?: string[];
  mounts: Mount[];
  user?: string;
  privileged?: boolean;
  capAdd?: string[];
  capDrop?: string[];
  readOnlyRootFilesystem?: boolean;
  memoryLimitBytes?: number;
  nanoCpus?: number;
  cpuShares?: number;
  tty?: boolean;
  openStdin?: boolean;
  stdinOnce?: boolean;
  /** Ports to publish on the host (hostPort), sandbox only. */
  portBindings?: Array<{ containerPort: number; hostPort: number; protocol: string; hostIP?: string }>;
  sysctls?: Record<string, string>;
  shmSizeBytes?: number;
}

export type ContainerState = 'created' | 'running' | 'exited' | 'unknown';

export interface ContainerSummary {
  id: string;
  name: string;
  labels: Record<string, string>;
  state: ContainerState;
  image: string;
  createdAt: number;
}

export interface ContainerDetails extends ContainerSummary {
  imageId: string;
  exitCode: number;
  oomKilled: boolean;
  /** Epoch ms, 0 when never. */
  startedAt: number;
  finishedAt: number;
  error: string;
  ip: string;
  pid: number;
}

export interface ImageInfo {
  id: string;
  repoDigests: string[];
  sizeBytes: number;
}

export interface RegistryAuth {
  username?: string;
  password?: string;
  auth?: string;
  serveraddress?: string;
  identitytoken?: string;
}

export interface RuntimeLogOptions {
  follow: boolean;
  timestamps: boolean;
  /** Epoch seconds. */
  since?: number;
  tail?: number;
  signal?: AbortSignal;
}

export interface RuntimeExecOptions {
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
  env?: string[];
}

export interface RuntimeSession {
  stdin?: Writable;
  stdout?: Readable;
  stderr?: Readable;
  resize(width: number, height: number): Promise<void>;
  /** Resolves with the exit code (undefined for attach) when the process ends or the stream closes. */
  done: Promise<{ exitCode?: number; error?: string }>;
  close(): void;
}

export interface RuntimeEvent {
  containerId: string;
  action: string;
  labels: Record<string, string>;
}
