import type { KubeObject } from '../../api/types.js';
import type { Clock } from '../../util/clock.js';
import { MountError, type TokenSource } from './projections.js';

export type IssueToken = (
  namespace: string,
  serviceAccount: string,
  pod: KubeObject,
  audiences: string[],
  expirationSeconds: number,
) => Promise<{ token: string; expirationTimestamp: string }>;

/**
 * Service account tokens for projected volumes, cached per pod and audience and renewed once
 * 80% of their lifetime has passed, as upstream's token manager does.
 */
export class TokenManager implements TokenSource {
  private readonly cache = new Map<string, { token: string; issued: number; expires: number }>();

  constructor(
    private readonly issue: IssueToken | undefined,
    private readonly clock: Clock,
  ) {}

  async token(pod: KubeObject, audience: string | undefined, expirationSeconds: number): Promise<string> {
    if (!this.issue) throw new MountError('no token issuer is configured for this kubelet');
    const sa = pod.spec?.serviceAccountName || 'default';
    const key = [pod.metadata.uid, sa, audience ?? '', expirationSeconds].join('|');
    const now = this.clock.now();
    const hit = this.cache.get(key);
    if (hit && now < hit.issued + (hit.expires - hit.issued) * 0.8) return hit.token;
    const out = await this.issue(pod.metadata.namespace ?? 'default', sa, pod, audience ? [audience] : [], expirationSeconds);
    const expires = Date.parse(out.expirationTimestamp);
    this.cache.set(key, { token: out.token, issued: now, expires: Number.isNaN(expires) ? now + expirationSeconds * 1000 : expires });
    return out.token;
  }

  forget(uid: string): void {
    for (const k of this.cache.keys()) if (k.startsWith(`${uid}|`)) this.cache.delete(k);
  }
}
