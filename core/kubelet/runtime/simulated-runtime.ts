import { PassThrough, Readable, type Duplex } from 'node:stream';
import { systemClock, type Clock } from '../../util/clock.js';
import type {
  ContainerDetails,
  ContainerRuntime,
  ContainerSpec,
  ContainerSummary,
  ImageInfo,
  RegistryAuth,
  RuntimeEvent,
  RuntimeExecOptions,
  RuntimeInfo,
  RuntimeLogOptions,
  RuntimeSession,
} from './types.js';

/** How a simulated container behaves once started. */
export interface SimBehavior {
  /** Exits by itself this long after each start. */
  exitAfterMs?: number;
  exitCode?: number;
  /** Lines it "prints" when it starts. */
  logs?: string[];
}

export interface SimExecResult {
  exitCode: number;
  stdout?: string;
}

export interface SimulatedRuntimeConfig {
  clock?: Clock;
  /** Images present from the start. */
  images?: string[];
  behavior?: (spec: ContainerSpec) => SimBehavior;
  /** Answers exec (probes, hooks); exit 0 with no output by default. */
  exec?: (container: SimContainer, command: string[]) => SimExecResult;
  /** Pulls of these images fail with the message. */
  pullErrors?: Record<string, string>;
  dial?: (ip: string, port: number) => Promise<Duplex>;
  info?: Partial<RuntimeInfo>;
}

export interface SimContainer {
  id: string;
  spec: ContainerSpec;
  state: ContainerSummary['state'];
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  oomKilled: boolean;
  ip: string;
  logs: string[];
  exitTimer?: { cancel(): void };
}

/**
 * An in-memory runtime, as kwok fakes nodes: containers "run" until told otherwise, so unit
 * tests drive the kubelet's state machine with a fake clock and scale tests run thousands of
 * pods without Docker.
 */
export class SimulatedRuntime implements ContainerRuntime {
  readonly containers = new Map<string, SimContainer>();
  readonly images = new Set<string>();
  readonly volumes = new Map<string, Record<string, string>>();
  readonly pulls: string[] = [];
  unreachable = false;
  private readonly clock: Clock;
  private readonly listeners = new Set<(e: RuntimeEvent) => void>();
  private nextId = 1;
  private nextIp = 2;

  constructor(private readonly config: SimulatedRuntimeConfig = {}) {
    this.clock = config.clock ?? systemClock;
    for (const i of config.images ?? []) this.images.add(i);
  }

  private up(): void {
    if (this.unreachable) throw Object.assign(new Error('connect ENOENT /var/run/docker.sock'), { code: 'ENOENT' });
  }

  async info(): Promise<RuntimeInfo> {
    this.up();
    return {
      name: 'simulated',
      cpus: 4,
      memoryBytes: 8 * 1024 ** 3,
      os: 'linux',
      osImage: 'Simulated',
      kernelVersion: '6.0.0-sim',
      architecture: 'amd64',
      runtimeVersion: '0.0.0-sim',
      runtimeName: 'simulated',
      podNetworkReachable: true,
      ...this.config.info,
    };
  }

  async ping(): Promise<void> {
    this.up();
  }

  async createContainer(spec: ContainerSpec): Promise<string> {
    this.up();
    if (!this.images.has(spec.image)) throw Object.assign(new Error(`No such image: ${spec.image}`), { statusCode: 404 });
    for (const c of this.containers.values()) if (c.spec.name === spec.name) throw Object.assign(new Error(`Conflict. The container name "/${spec.name}" is already in use`), { statusCode: 409 });
    const id = (this.nextId++).toString(16).padStart(64, '0');
    const joined = spec.networkMode?.startsWith('container:') ? this.containers.get(spec.networkMode.slice('container:'.length)) : undefined;
    const ip = joined ? joined.ip : spec.networkMode === 'host' ? '192.168.65.3' : `10.244.0.${this.nextIp++}`;
    this.containers.set(id, { id, spec, state: 'created', createdAt: this.clock.now(), startedAt: 0, finishedAt: 0, exitCode: 0, oomKilled: false, ip, logs: [] });
    this.emit(id, 'create');
    return id;
  }

  async startContainer(id: string): Promise<void> {
    this.up();
    const c = this.must(id);
    if (c.state === 'running') return;
    const b = this.config.behavior?.(c.spec) ?? {};
    c.state = 'running';
    c.startedAt = this.clock.now();
    c.finishedAt = 0;
    c.logs.push(...(b.logs ?? []));
    if (b.exitAfterMs === 0) queueMicrotask(() => this.exit(id, b.exitCode ?? 0));
    else if (b.exitAfterMs !== undefined) c.exitTimer = this.clock.setTimeout(() => this.exit(id, b.exitCode ?? 0), b.exitAfterMs);
    this.emit(id, 'start');
  }

  /** Ends a running container as if its process exited. */
  exit(id: string, exitCode: number, opts: { oomKilled?: boolean } = {}): void {
    const c = this.containers.get(id);
    if (!c || c.state !== 'running') return;
    c.exitTimer?.cancel();
    c.state = 'exited';
    c.exitCode = exitCode;
    c.oomKilled = !!opts.oomKilled;
    c.finishedAt = this.clock.now();
    this.emit(id, 'die');
  }

  async stopContainer(id: string): Promise<void> {
    this.up();
    if (this.containers.get(id)?.state === 'running') this.exit(id, 137);
  }

  async removeContainer(id: string): Promise<void> {
    this.up();
    const c = this.containers.get(id);
    if (!c) return;
    c.exitTimer?.cancel();
    this.containers.delete(id);
    this.emit(id, 'destroy', c.spec.labels);
  }

  async listContainers(labels: Record<string, string>): Promise<ContainerSummary[]> {
    this.up();
    return [...this.containers.values()].filter((c) => Object.entries(labels).every(([k, v]) => c.spec.labels[k] === v)).map((c) => this.summary(c));
  }

  async inspectContainer(id: string): Promise<ContainerDetails | undefined> {
    this.up();
    const c = this.containers.get(id);
    if (!c) return undefined;
    return { ...this.summary(c), imageId: imageId(c.spec.image), exitCode: c.exitCode, oomKilled: c.oomKilled, startedAt: c.startedAt, finishedAt: c.finishedAt, error: '', ip: c.ip, pid: c.state === 'running' ? 1000 : 0 };
  }

  async logs(id: string, opts: RuntimeLogOptions): Promise<Readable> {
    this.up();
    const c = this.must(id);
    const lines = opts.tail !== undefined ? c.logs.slice(-opts.tail) : c.logs;
    return Readable.from(lines.map((l) => Buffer.from((opts.timestamps ? `${new Date(c.startedAt).toISOString()} ` : '') + l + '\n')));
  }

  async exec(id: string, opts: RuntimeExecOptions): Promise<RuntimeSession> {
    this.up();
    const c = this.must(id);
    if (c.state !== 'running') throw Object.assign(new Error(`container ${id} is not running`), { statusCode: 409 });
    const r = this.config.exec?.(c, opts.command) ?? { exitCode: 0 };
    const stdout = new PassThrough();
    stdout.end(r.stdout ?? '');
    return { stdout, stdin: opts.stdin ? new PassThrough() : undefined, resize: async () => {}, done: Promise.resolve({ exitCode: r.exitCode }), close() {} };
  }

  async attach(id: string): Promise<RuntimeSession> {
    this.up();
    this.must(id);
    const stdout = new PassThrough();
    return { stdout, resize: async () => {}, done: new Promise(() => {}), close: () => stdout.end() };
  }

  async dial(sandboxId: string, port: number): Promise<Duplex> {
    this.up();
    const c = this.must(sandboxId);
    if (!this.config.dial) throw new Error(`dial tcp ${c.ip}:${port}: connect: connection refused`);
    return this.config.dial(c.ip, port);
  }

  async inspectImage(ref: string): Promise<ImageInfo | undefined> {
    this.up();
    return this.images.has(ref) ? { id: imageId(ref), repoDigests: [], sizeBytes: 1024 } : undefined;
  }

  async pullImage(ref: string, _auth?: RegistryAuth): Promise<void> {
    this.up();
    this.pulls.push(ref);
    const err = this.config.pullErrors?.[ref];
    if (err) throw new Error(err);
    this.images.add(ref);
  }

  async createVolume(name: string, opts: { tmpfs: boolean; labels: Record<string, string> }): Promise<void> {
    this.volumes.set(name, opts.labels);
  }

  async removeVolume(name: string): Promise<void> {
    this.volumes.delete(name);
  }

  async listVolumes(labels: Record<string, string>): Promise<string[]> {
    return [...this.volumes].filter(([, l]) => Object.entries(labels).every(([k, v]) => l[k] === v)).map(([n]) => n);
  }

  watchEvents(onEvent: (e: RuntimeEvent) => void): () => void {
    this.listeners.add(onEvent);
    return () => this.listeners.delete(onEvent);
  }

  private emit(id: string, action: string, labels?: Record<string, string>): void {
    const l = labels ?? this.containers.get(id)?.spec.labels ?? {};
    for (const fn of this.listeners) queueMicrotask(() => fn({ containerId: id, action, labels: l }));
  }

  private must(id: string): SimContainer {
    const c = this.containers.get(id);
    if (!c) throw Object.assign(new Error(`No such container: ${id}`), { statusCode: 404 });
    return c;
  }

  private summary(c: SimContainer): ContainerSummary {
    return { id: c.id, name: c.spec.name, labels: c.spec.labels, state: c.state, image: c.spec.image, createdAt: c.createdAt };
  }
}

function imageId(ref: string): string {
  let h = 0;
  for (const ch of ref) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `sha256:${h.toString(16).padStart(64, '0')}`;
}
