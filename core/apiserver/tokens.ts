import { createHash, createPrivateKey, createPublicKey, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import type { UserInfo } from '../registry/context.js';

export interface TokenClaims {
  namespace: string;
  serviceAccount: { name: string; uid: string };
  pod?: { name: string; uid: string };
  audiences: string[];
  expirationSeconds: number;
}

export const DEFAULT_ISSUER = 'https://kubernetes.default.svc.cluster.local';
const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** Service account tokens: ES256 JWTs with the claims upstream's token controller writes. */
export class ServiceAccountTokens {
  private readonly key: KeyObject;
  private readonly pub: KeyObject;
  private readonly kid: string;

  constructor(
    privateKeyPem: string,
    private readonly now: () => number,
    private readonly issuer = DEFAULT_ISSUER,
  ) {
    this.key = createPrivateKey(privateKeyPem);
    this.pub = createPublicKey(this.key);
    this.kid = createHash('sha256').update(this.pub.export({ type: 'spki', format: 'der' })).digest('base64url');
  }

  issue(c: TokenClaims): { token: string; expirationTimestamp: string } {
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + c.expirationSeconds;
    const header = { alg: 'ES256', kid: this.kid };
    const payload = {
      aud: c.audiences,
      exp,
      iat,
      nbf: iat,
      iss: this.issuer,
      jti: randomUUID(),
      sub: `system:serviceaccount:${c.namespace}:${c.serviceAccount.name}`,
      'kubernetes.io': { namespace: c.namespace, serviceaccount: c.serviceAccount, ...(c.pod ? { pod: c.pod } : {}) },
    };
    const data = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
    const sig = sign('sha256', Buffer.from(data), { key: this.key, dsaEncoding: 'ieee-p1363' });
    return { token: `${data}.${b64url(sig)}`, expirationTimestamp: new Date(exp * 1000).toISOString().replace('.000Z', 'Z') };
  }

  /** The service account a token speaks for, when the signature and lifetime hold. */
  verify(token: string, accountUid: (namespace: string, name: string) => string | undefined): UserInfo | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    try {
      const ok = verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), { key: this.pub, dsaEncoding: 'ieee-p1363' }, Buffer.from(parts[2], 'base64url'));
      if (!ok) return undefined;
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
      if (claims.iss !== this.issuer || typeof claims.exp !== 'number' || claims.exp * 1000 < this.now()) return undefined;
      const k = claims['kubernetes.io'];
      if (!k?.namespace || !k.serviceaccount?.name) return undefined;
      if (accountUid(k.namespace, k.serviceaccount.name) !== k.serviceaccount.uid) return undefined;
      return {
        username: `system:serviceaccount:${k.namespace}:${k.serviceaccount.name}`,
        uid: k.serviceaccount.uid,
        groups: ['system:serviceaccounts', `system:serviceaccounts:${k.namespace}`, 'system:authenticated'],
      };
    } catch {
      return undefined;
    }
  }

  publicKeyPem(): string {
    return this.pub.export({ type: 'spki', format: 'pem' }).toString();
  }
}
