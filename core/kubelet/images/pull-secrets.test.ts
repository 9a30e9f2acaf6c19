import { describe, expect, it } from 'vitest';
import { pullPolicyOf } from './image-puller.js';
import { authFor, registryHost } from './pull-secrets.js';

const dockerconfig = (auths: Record<string, unknown>) => ({ metadata: { name: 's' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': Buffer.from(JSON.stringify({ auths })).toString('base64') } });

describe('image pulls', () => {
  it('finds the registry of a reference as Docker does', () => {
    expect(registryHost('nginx')).toBe('docker.io');
    expect(registryHost('library/nginx:1')).toBe('docker.io');
    expect(registryHost('ghcr.io/a/b:1')).toBe('ghcr.io');
    expect(registryHost('localhost:5000/x')).toBe('localhost:5000');
  });

  it('takes credentials from dockerconfigjson secrets, decoding auth', () => {
    const s = dockerconfig({ 'https://index.docker.io/v1/': { auth: Buffer.from('me:pw').toString('base64') }, 'ghcr.io': { username: 'u', password: 'p' } });
    expect(authFor('nginx:1', [s])).toMatchObject({ username: 'me', password: 'pw' });
    expect(authFor('ghcr.io/x/y:2', [s])).toMatchObject({ username: 'u', password: 'p', serveraddress: 'ghcr.io' });
    expect(authFor('quay.io/x:1', [s])).toBeUndefined();
  });

  it('defaults the pull policy from the tag', () => {
    expect(pullPolicyOf({ image: 'nginx' })).toBe('Always');
    expect(pullPolicyOf({ image: 'nginx:latest' })).toBe('Always');
    expect(pullPolicyOf({ image: 'nginx:1.27' })).toBe('IfNotPresent');
    expect(pullPolicyOf({ image: 'localhost:5000/x' })).toBe('Always');
    expect(pullPolicyOf({ image: 'nginx:1', imagePullPolicy: 'Never' })).toBe('Never');
  });
});
