import { Readable, type Duplex } from 'node:stream';
import Docker from 'dockerode';
import { dockerConnection, goArch } from './docker-connection.js';
import { joinDuplex, mergedOutput } from './docker-streams.js';
import { connect, session } from './docker-session.js';
import type {
  ContainerDetails,
  ContainerRuntime,
  ContainerSpec,
  ContainerState,
  ContainerSummary,
  ImageInfo,
  RegistryAuth,
  RuntimeEvent,
  RuntimeExecOptions,
  RuntimeInfo,
  RuntimeLogOptions,
  RuntimeSession,
} from './types.js';

export interface DockerRuntimeConfig {
  /** `DOCKER_HOST` format; the platform's default socket when absent. */
  dockerHost?: string;
  /**
   * Overrides the guess of whether pod IPs are routable from here (true on a native Linux
   * daemon, false on Docker Desktop whose containers live in a VM).
   */
  podNetworkReachable?: boolean;
}

const ZERO_TIME = '0001-01-01T00:00:00Z';

/** The ContainerRuntime on a Docker daemon through dockerode. */
export class DockerRuntime implements ContainerRuntime {
  readonly docker: Docker;
  private reachable?: boolean;

  constructor(private readonly config: DockerRuntimeConfig = {}) {
    this.docker = new Docker(dockerConnection(config.dockerHost ?? process.env.DOCKER_HOST));
  }

  async info(): Promise<RuntimeInfo> {
    const i = await this.docker.info();
    const v = await this.docker.version();
    const desktop = /docker desktop/i.test(String(i.OperatingSystem ?? ''));
    this.reachable = this.config.podNetworkReachable ?? (process.platform === 'linux' && !desktop);
    return {
      name: String(i.Name ?? ''),
      cpus: Number(i.NCPU ?? 1),
      memoryBytes: Number(i.MemTotal ?? 0),
      os: String(i.OSType ?? 'linux'),
      osImage: String(i.OperatingSystem ?? ''),
      kernelVersion: String(i.KernelVersion ?? ''),
      architecture: goArch(String(i.Architecture ?? v.Arch ?? '')),
      runtimeVersion: String(i.ServerVersion ?? v.Version ?? ''),
      runtimeName: 'docker',
      podNetworkReachable: this.reachable,
    };
  }

  /**
   * The address containers reach this host at, for KUBERNETES_SERVICE_HOST: the default
   * bridge's gateway on a native daemon (the API server must listen there too), Docker
   * Desktop's `host.docker.internal` (which forwards to the host's loopback) otherwise.
   */
  async hostAddressForPods(): Promise<string> {
    const info = await this.info();
    if (!info.podNetworkReachable) return 'host.docker.internal';
    try {
      const net = await this.docker.getNetwork('bridge').inspect();
      const gw = (net.IPAM?.Config ?? []).map((c: { Gateway?: string }) => c.Gateway).find((g: string | undefined) => g && !g.includes(':'));
      if (gw) return gw;
    } catch {}
    return '172.17.0.1';
  }

  async ping(): Promise<void> {
    await this.docker.ping();
  }

  async createContainer(spec: ContainerSpec): Promise<string> {
    const joined = spec.networkMode?.startsWith('container:');
    const exposed: Record<string, object> = {};
    const bindings: Record<string, Array<{ HostPort: string; HostIp?: string }>> = {};
    for (const p of spec.portBindings ?? []) {
      const key = `${p.containerPort}/${p.protocol.toLowerCase()}`;
      exposed[key] = {};
      (bindings[key] ??= []).push({ HostPort: String(p.hostPort), ...(p.hostIP ? { HostIp: p.hostIP } : {}) });
    }
    const c = await this.docker.createContainer({
      name: spec.name,
      Image: spec.image,
      Labels: spec.labels,
      ...(spec.command ? { Entrypoint: spec.command } : {}),
      ...(spec.args ? { Cmd: spec.args } : {}),
      Env: spec.env,
      WorkingDir: spec.workingDir,
      Hostname: joined || spec.networkMode === 'host' ? undefined : spec.hostname,
      User: spec.user,
      Tty: !!spec.tty,
      OpenStdin: !!spec.openStdin,
      StdinOnce: !!spec.stdinOnce,
      AttachStdin: false,
      ExposedPorts: Object.keys(exposed).length ? exposed : undefined,
      HostConfig: {
        NetworkMode: spec.networkMode,
        // Containers of a pod share IPC with the sandbox, as they do under a real kubelet.
        IpcMode: joined ? spec.networkMode : spec.networkMode === 'host' ? undefined : 'shareable',
        Mounts: spec.mounts.map((m) => ({ Type: m.volume ? 'volume' : 'bind', Source: m.source, Target: m.target, ReadOnly: m.readOnly })) as Docker.MountSettings[],
        Privileged: !!spec.privileged,
        CapAdd: spec.capAdd,
        CapDrop: spec.capDrop,
        ReadonlyRootfs: !!spec.readOnlyRootFilesystem,
        Memory: spec.memoryLimitBytes,
        NanoCpus: spec.nanoCpus,
        CpuShares: spec.cpuShares,
        Dns: joined ? undefined : spec.dns?.servers,
        DnsSearch: joined ? undefined : spec.dns?.searches,
        DnsOptions: joined ? undefined : spec.dns?.options,
        ExtraHosts: joined ? undefined : spec.extraHosts,
        PortBindings: Object.keys(bindings).length ? bindings : undefined,
        Sysctls: spec.sysctls,
        ShmSize: spec.shmSizeBytes,
        RestartPolicy: { Name: 'no' },
      },
    });
    return c.id;
  }

  async startContainer(id: string): Promise<void> {
    await ignore304(this.docker.getContainer(id).start());
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    try {
      await ignore304(this.docker.getContainer(id).stop({ t: Math.max(0, Math.round(timeoutSeconds)) }));
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
  }

  async removeContainer(id: string): Promise<void> {
    try {
      await this.docker.getContainer(id).remove({ force: true, v: true });
    } catch (err) {
      const code = statusOf(err);
      // 409: removal already in progress.
      if (code !== 404 && code !== 409) throw err;
    }
  }

  async listContainers(labels: Record<string, string>): Promise<ContainerSummary[]> {
    const list = await this.docker.listContainers({ all: true, filters: { label: Object.entries(labels).map(([k, v]) => `${k}=${v}`) } });
    return list.map((c) => ({
      id: c.Id,
      name: (c.Names?.[0] ?? '').replace(/^\//, ''),
      labels: c.Labels ?? {},
      state: stateOf(c.State),
      image: c.Image,
      createdAt: c.Created * 1000,
    }));
  }

  async inspectContainer(id: string): Promise<ContainerDetails | undefined> {
    let i: Docker.ContainerInspectInfo;
    try {
      i = await this.docker.getContainer(id).inspect();
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
    const nets = Object.values(i.NetworkSettings?.Networks ?? {});
    return {
      id: i.Id,
      name: i.Name.replace(/^\//, ''),
      labels: i.Config.Labels ?? {},
      state: stateOf(i.State.Status),
      image: i.Config.Image,
      createdAt: Date.parse(i.Created),
      imageId: i.Image,
      exitCode: i.State.ExitCode,
      oomKilled: i.State.OOMKilled,
      startedAt: time(i.State.StartedAt),
      finishedAt: time(i.State.FinishedAt),
      error: i.State.Error ?? '',
      ip: (i.NetworkSettings as { IPAddress?: string } | undefined)?.IPAddress || nets.find((n) => n.IPAddress)?.IPAddress || '',
      pid: i.State.Pid,
    };
  }

  async logs(id: string, opts: RuntimeLogOptions): Promise<Readable> {
    const c = this.docker.getContainer(id);
    const tty = (await c.inspect()).Config.Tty;
    const base = { stdout: true, stderr: true, timestamps: opts.timestamps, since: opts.since ?? 0, ...(opts.tail !== undefined ? { tail: opts.tail } : {}), abortSignal: opts.signal };
    const raw: NodeJS.ReadableStream | Buffer = opts.follow ? await c.logs({ ...base, follow: true }) : await c.logs({ ...base, follow: false });
    const source = Buffer.isBuffer(raw) ? Readable.from([raw]) : raw;
    return mergedOutput(source, tty);
  }

  async exec(id: string, opts: RuntimeExecOptions): Promise<RuntimeSession> {
    const exec = await this.docker.getContainer(id).exec({
      Cmd: opts.command,
      AttachStdin: opts.stdin,
      AttachStdout: opts.stdout,
      AttachStderr: opts.stderr,
      Tty: opts.tty,
      Env: opts.env,
    });
    const stream = (await exec.start({ hijack: true, stdin: opts.stdin, Tty: opts.tty })) as Duplex;
    return session(stream, opts, (w, h) => exec.resize({ w, h }), async () => {
      const info = await exec.inspect();
      return info.ExitCode ?? undefined;
    });
  }

  async attach(id: string, opts: { stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean }): Promise<RuntimeSession> {
    const c = this.docker.getContainer(id);
    const stream = (await c.attach({ stream: true, stdin: opts.stdin, stdout: opts.stdout, stderr: opts.stderr, hijack: true } as Docker.ContainerAttachOptions)) as unknown as Duplex;
    return session(stream, opts, (w, h) => c.resize({ w, h }), async () => undefined);
  }

  async dial(sandboxId: string, port: number): Promise<Duplex> {
    if (this.reachable === undefined) await this.info();
    if (this.reachable) {
      const details = await this.inspectContainer(sandboxId);
      if (!details?.ip) throw new Error('the pod has no IP address');
      return connect(details.ip, port);
    }
    return this.relay(sandboxId, port);
  }

  /**
   * Where pod IPs are not routable from the host (Docker Desktop's VM), bytes go through a
   * `nc` started with docker exec inside the sandbox: it needs an image that has `nc`
   * (busybox does; the real pause image does not).
   */
  private async relay(sandboxId: string, port: number): Promise<Duplex> {
    const s = await this.exec(sandboxId, { command: ['nc', '127.0.0.1', String(port)], stdin: true, stdout: true, stderr: false, tty: false });
    return joinDuplex(
      s.stdout!,
      (chunk, cb) => s.stdin!.write(chunk, cb),
      () => s.stdin!.end(),
      () => s.close(),
    );
  }

  async inspectImage(ref: string): Promise<ImageInfo | undefined> {
    try {
      const i = await this.docker.getImage(ref).inspect();
      return { id: i.Id, repoDigests: i.RepoDigests ?? [], sizeBytes: i.Size };
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async pullImage(ref: string, auth: RegistryAuth | undefined, onProgress?: (line: string) => void): Promise<void> {
    const stream = await this.docker.pull(withTag(ref), auth ? { authconfig: auth } : {});
    await new Promise<void>((resolve, reject) => {
      this.docker.modem.followProgress(
        stream,
        (err: Error | null, output: Array<{ error?: string }>) => {
          const failed = output?.find((o) => o.error);
          if (err) reject(err);
          else if (failed) reject(new Error(failed.error));
          else resolve();
        },
        (e: { status?: string; progress?: string; id?: string }) => onProgress?.([e.id, e.status, e.progress].filter(Boolean).join(' ')),
      );
    });
  }

  async createVolume(name: string, opts: { tmpfs: boolean; labels: Record<string, string> }): Promise<void> {
    await this.docker.createVolume({ Name: name, Driver: 'local', Labels: opts.labels, DriverOpts: opts.tmpfs ? { type: 'tmpfs', device: 'tmpfs' } : {} });
  }

  async removeVolume(name: string): Promise<void> {
    try {
      await this.docker.getVolume(name).remove({ force: true });
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
  }

  async listVolumes(labels: Record<string, string>): Promise<string[]> {
    const out = await this.docker.listVolumes({ filters: { label: Object.entries(labels).map(([k, v]) => `${k}=${v}`) } });
    return (out.Volumes ?? []).map((v) => v.Name);
  }

  watchEvents(onEvent: (e: RuntimeEvent) => void, onError: (err: Error) => void): () => void {
    const abort = new AbortController();
    let stopped = false;
    this.docker
      .getEvents({ filters: { type: ['container'], label: ['skiff.managed=true'] }, abortSignal: abort.signal } as Docker.GetEventsOptions)
      .then((stream) => {
        let buf = '';
        stream.on('data', (chunk: Buffer) => {
          buf += chunk.toString('utf8');
          let nl: number;
          while ((nl = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, nl).trim();
            buf = buf.slice(nl + 1);
            if (!line) continue;
            try {
              const e = JSON.parse(line);
              onEvent({ containerId: e.id ?? e.Actor?.ID, action: e.Action ?? e.status, labels: e.Actor?.Attributes ?? {} });
            } catch {}
          }
        });
        const broken = () => {
          if (!stopped) onError(new Error('the Docker event stream ended'));
          stopped = true;
        };
        stream.on('end', broken);
        stream.on('error', broken);
      })
      .catch((err: Error) => {
        if (!stopped) onError(err);
        stopped = true;
      });
    return () => {
      stopped = true;
      abort.abort();
    };
  }
}

function stateOf(s: string | undefined): ContainerState {
  switch (s) {
    case 'created':
      return 'created';
    case 'running':
    case 'paused':
    case 'restarting':
      return 'running';
    case 'exited':
    case 'dead':
    case 'removing':
      return 'exited';
    default:
      return 'unknown';
  }
}

function time(s: string | undefined): number {
  if (!s || s === ZERO_TIME) return 0;
  const t = Date.parse(s);
  return Number.isNaN(t) || t < 0 ? 0 : t;
}

/** Without a tag the Engine pulls every tag of the repository. */
export function withTag(ref: string): string {
  if (ref.includes('@')) return ref;
  const lastSlash = ref.lastIndexOf('/');
  return ref.slice(lastSlash + 1).includes(':') ? ref : `${ref}:latest`;
}

export function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number })?.statusCode;
}

async function ignore304(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (statusOf(err) !== 304) throw err;
  }
}
