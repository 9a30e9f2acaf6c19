import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';

/**
 * Where the daemon is: `DOCKER_HOST` when given (unix://, tcp://, npipe://), otherwise the
 * platform's usual socket. Docker Desktop on macOS puts its socket under the home directory
 * and links /var/run/docker.sock only when the user allowed it, so the home one wins there.
 */
export function dockerConnection(dockerHost: string | undefined, platform: NodeJS.Platform = process.platform): Docker.DockerOptions {
  if (dockerHost) return parseDockerHost(dockerHost);
  if (platform === 'win32') return { socketPath: '//./pipe/docker_engine' };
  if (platform === 'darwin') {
    const home = path.join(os.homedir(), '.docker', 'run', 'docker.sock');
    if (existsSync(home)) return { socketPath: home };
  }
  return { socketPath: '/var/run/docker.sock' };
}

export function parseDockerHost(value: string): Docker.DockerOptions {
  const url = value.trim();
  if (url.startsWith('unix://')) return { socketPath: url.slice('unix://'.length) };
  if (url.startsWith('npipe://')) return { socketPath: url.slice('npipe://'.length).replace(/\//g, '\\') };
  if (url.startsWith('tcp://') || url.startsWith('http://') || url.startsWith('https://')) {
    const u = new URL(url.replace(/^tcp:/, 'http:'));
    const tls = url.startsWith('https://') || process.env.DOCKER_TLS_VERIFY === '1';
    return { host: u.hostname, port: Number(u.port || (tls ? 2376 : 2375)), protocol: tls ? 'https' : 'http' };
  }
  if (url.startsWith('/')) return { socketPath: url };
  throw new Error(`unsupported DOCKER_HOST ${JSON.stringify(value)}: expected unix://, tcp:// or npipe://`);
}

/** Docker reports uname's machine; Kubernetes uses GOARCH names. */
export function goArch(machine: string): string {
  const map: Record<string, string> = { x86_64: 'amd64', amd64: 'amd64', aarch64: 'arm64', arm64: 'arm64', armv7l: 'arm', s390x: 's390x', ppc64le: 'ppc64le', riscv64: 'riscv64' };
  return map[machine] ?? machine;
}
