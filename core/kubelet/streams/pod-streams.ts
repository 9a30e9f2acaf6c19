import { Transform, type Duplex, type Readable } from 'node:stream';
import { badRequest, StatusError } from '../../api/errors.js';
import type { AttachOptions, ExecOptions, LogOptions, PodStreams, StreamSession } from '../../api/pod-streams.js';
import type { KubeObject } from '../../api/types.js';
import type { Clock } from '../../util/clock.js';
import type { PodViewReader } from '../pod/pod-view.js';
import type { ContainerDetails, ContainerRuntime, RuntimeSession } from '../runtime/types.js';

export interface PodStreamsConfig {
  runtime: ContainerRuntime;
  views: PodViewReader;
  clock: Clock;
  /** The UID the runtime knows a pod by: mirror pods map to their static pod's. */
  runtimeUid(pod: KubeObject): string;
}

/** Logs, exec, attach and port-forward for the API server, straight onto the runtime. */
export class KubeletPodStreams implements PodStreams {
  constructor(private readonly config: PodStreamsConfig) {}

  private async instance(pod: KubeObject, container: string, previous = false): Promise<ContainerDetails> {
    const names = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].map((c: any) => c.name);
    if (!names.includes(container)) throw badRequest(`container ${container} is not valid for pod ${pod.metadata.name}`);
    const view = await this.config.views.read(this.config.runtimeUid(pod));
    const list = view.containers.get(container) ?? [];
    if (previous) {
      const prev = list[1];
      if (!prev) throw badRequest(`previous terminated container "${container}" in pod "${pod.metadata.name}" not found`);
      return prev;
    }
    const latest = list[0];
    if (!latest) {
      const waiting = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s: any) => s.name === container)?.state?.waiting?.reason ?? 'ContainerCreating';
      throw badRequest(`container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${waiting}`);
    }
    return latest;
  }

  async logs(pod: KubeObject, container: string, opts: LogOptions, signal: AbortSignal): Promise<Readable> {
    const d = await this.instance(pod, container, opts.previous);
    let since: number | undefined;
    if (opts.sinceSeconds !== undefined) since = Math.floor(this.config.clock.now() / 1000) - opts.sinceSeconds;
    else if (opts.sinceTime) since = Math.floor(Date.parse(opts.sinceTime) / 1000);
    const stream = await this.config.runtime.logs(d.id, { follow: opts.follow && d.state === 'running', timestamps: opts.timestamps, since, tail: opts.tailLines, signal });
    const out = opts.limitBytes !== undefined ? stream.pipe(limit(opts.limitBytes, () => stream.destroy())) : stream;
    signal.addEventListener('abort', () => {
      stream.destroy();
      out.destroy();
    });
    return out;
  }

  async exec(pod: KubeObject, container: string, opts: ExecOptions): Promise<StreamSession> {
    const d = await this.running(pod, container);
    if (!opts.command.length) throw badRequest('you must specify at least 1 command');
    try {
      return wrap(await this.config.runtime.exec(d.id, { command: opts.command, stdin: opts.stdin, stdout: opts.stdout, stderr: opts.stderr, tty: opts.tty }));
    } catch (err) {
      throw new StatusError(500, 'InternalError', `failed to exec in container: ${(err as Error).message}`);
    }
  }

  async attach(pod: KubeObject, container: string, opts: AttachOptions): Promise<StreamSession> {
    const d = await this.running(pod, container);
    return wrap(await this.config.runtime.attach(d.id, opts));
  }

  async portForward(pod: KubeObject, port: number): Promise<Duplex> {
    const view = await this.config.views.read(this.config.runtimeUid(pod));
    const sandbox = view.sandboxes.find((s) => s.state === 'running');
    if (!sandbox) throw badRequest(`pod ${pod.metadata.name} does not have a running sandbox`);
    return this.config.runtime.dial(sandbox.id, port);
  }

  private async running(pod: KubeObject, container: string): Promise<ContainerDetails> {
    const d = await this.instance(pod, container);
    if (d.state !== 'running') throw badRequest(`container ${container} is not running`);
    return d;
  }
}

function wrap(s: RuntimeSession): StreamSession {
  return {
    stdin: s.stdin,
    stdout: s.stdout,
    stderr: s.stderr,
    resize: (w, h) => void s.resize(w, h),
    done: s.done,
    close: () => s.close(),
  };
}

function limit(bytes: number, onDone: () => void): Transform {
  let left = bytes;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (left <= 0) return cb();
      const part = chunk.length > left ? chunk.subarray(0, left) : chunk;
      left -= part.length;
      this.push(part);
      if (left <= 0) {
        this.push(null);
        onDone();
      }
      cb();
    },
  });
}
