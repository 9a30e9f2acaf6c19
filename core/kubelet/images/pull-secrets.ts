import type { KubeObject } from '../../api/types.js';
import type { RegistryAuth } from '../runtime/types.js';

/** The registry host an image reference pulls from, normalised the way Docker does. */
export function registryHost(image: string): string {
  const first = image.split('/')[0]!;
  if (image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')) return first;
  return 'docker.io';
}

function normalise(key: string): string {
  const host = key.replace(/^https?:\/\//, '').split('/')[0]!;
  return host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host;
}

/** Credentials for `image` from the pod's imagePullSecrets (dockerconfigjson or legacy dockercfg). */
export function authFor(image: string, secrets: KubeObject[]): RegistryAuth | undefined {
  const host = registryHost(image);
  for (const s of secrets) {
    let auths: Record<string, any> | undefined;
    try {
      if (s.data?.['.dockerconfigjson']) auths = JSON.parse(Buffer.from(s.data['.dockerconfigjson'], 'base64').toString('utf8')).auths;
      else if (s.data?.['.dockercfg']) auths = JSON.parse(Buffer.from(s.data['.dockercfg'], 'base64').toString('utf8'));
    } catch {
      continue;
    }
    for (const [key, entry] of Object.entries(auths ?? {})) {
      if (normalise(key) !== host) continue;
      let { username, password } = entry as { username?: string; password?: string };
      if ((!username || !password) && entry.auth) {
        const decoded = Buffer.from(String(entry.auth), 'base64').toString('utf8');
        const i = decoded.indexOf(':');
        username = decoded.slice(0, i);
        password = decoded.slice(i + 1);
      }
      return { username, password, serveraddress: key, ...(entry.identitytoken ? { identitytoken: entry.identitytoken } : {}) };
    }
  }
  return undefined;
}
