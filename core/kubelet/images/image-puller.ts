import type { KubeObject } from '../../api/types.js';
import type { Clock } from '../../util/clock.js';
import { Backoff } from '../pod/backoff.js';
import type { ContainerRuntime, ImageInfo } from '../runtime/types.js';
import { authFor } from './pull-secrets.js';

export type PullResult = { ok: true; image: ImageInfo } | { ok: false; reason: 'ErrImagePull' | 'ImagePullBackOff' | 'ErrImageNeverPull' | 'InvalidImageName'; message: string; retryAfterMs?: number };

export interface ImagePullerConfig {
  runtime: ContainerRuntime;
  clock: Clock;
  secret(namespace: string, name: string): KubeObject | undefined;
  event(pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
}

/** `imagePullPolicy` as the API server defaults it when the pod did not say. */
export function pullPolicyOf(container: any): string {
  if (container.imagePullPolicy) return container.imagePullPolicy;
  const image: string = container.image ?? '';
  const last = image.split('/').pop() ?? '';
  return image.includes('@') || !last.includes(':') || last.endsWith(':latest') ? 'Always' : 'IfNotPresent';
}

/** Pull policies, secrets, events and the per-image back-off of upstream's image manager. */
export class ImagePuller {
  private readonly backoff: Backoff;
  private readonly failedAt = new Map<string, number>();

  constructor(private readonly config: ImagePullerConfig) {
    this.backoff = new Backoff(config.clock, 10_000, 300_000);
  }

  async ensure(pod: KubeObject, container: any): Promise<PullResult> {
    const image: string = container.image;
    if (!image || /\s/.test(image)) return { ok: false, reason: 'InvalidImageName', message: `Failed to apply default image tag "${image}": couldn't parse image name` };
    const policy = pullPolicyOf(container);
    const present = policy === 'Always' ? undefined : await this.config.runtime.inspectImage(image);
    if (present) {
      this.config.event(pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
      return { ok: true, image: present };
    }
    if (policy === 'Never') {
      const message = `Container image "${image}" is not present with pull policy of Never`;
      this.config.event(pod, 'Warning', 'ErrImageNeverPull', message);
      return { ok: false, reason: 'ErrImageNeverPull', message };
    }
    const key = `${pod.metadata.uid}/${image}`;
    const failed = this.failedAt.get(key);
    if (failed !== undefined && this.backoff.inBackoffSince(key, failed)) {
      const message = `Back-off pulling image "${image}"`;
      this.config.event(pod, 'Normal', 'BackOff', message);
      return { ok: false, reason: 'ImagePullBackOff', message, retryAfterMs: this.backoff.remaining(key, failed) };
    }
    const ns = pod.metadata.namespace ?? 'default';
    const secrets = (pod.spec?.imagePullSecrets ?? []).map((r: any) => this.config.secret(ns, r.name)).filter(Boolean) as KubeObject[];
    const started = this.config.clock.now();
    this.config.event(pod, 'Normal', 'Pulling', `Pulling image "${image}"`);
    try {
      await this.config.runtime.pullImage(image, authFor(image, secrets));
    } catch (err) {
      const message = (err as { json?: { message?: string } }).json?.message ?? (err as Error).message;
      this.backoff.next(key);
      this.failedAt.set(key, this.config.clock.now());
      this.config.event(pod, 'Warning', 'Failed', `Failed to pull image "${image}": ${message}`);
      this.config.event(pod, 'Warning', 'Failed', 'Error: ErrImagePull');
      return { ok: false, reason: 'ErrImagePull', message: `failed to pull image "${image}": ${message}`, retryAfterMs: this.backoff.duration(key) };
    }
    this.failedAt.delete(key);
    this.backoff.reset(key);
    const info = await this.config.runtime.inspectImage(image);
    const secs = ((this.config.clock.now() - started) / 1000).toFixed(3);
    this.config.event(pod, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${secs}s (${secs}s including waiting). Image size: ${info?.sizeBytes ?? 0} bytes.`);
    if (!info) return { ok: false, reason: 'ErrImagePull', message: `image "${image}" is missing after its pull` };
    return { ok: true, image: info };
  }

  forget(uid: string): void {
    this.backoff.forgetPrefix(`${uid}/`);
    for (const k of this.failedAt.keys()) if (k.startsWith(`${uid}/`)) this.failedAt.delete(k);
  }
}
