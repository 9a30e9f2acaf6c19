// Docker as the bridge reaches it, for what the kubelet does not offer: the usage figures.
import Docker from 'dockerode';

/** A client for `DOCKER_HOST`-style addresses (unix://, tcp://) or a socket path; empty: Docker's default. */
export function dockerFor(address: string | undefined): Docker {
  if (!address) return new Docker();
  if (/^(tcp|https?):\/\//.test(address)) {
    const u = new URL(address.replace(/^tcp:/, 'http:'));
    return new Docker({ host: u.hostname, port: Number(u.port) || 2375 });
  }
  return new Docker({ socketPath: address.replace(/^unix:\/\//, '') });
}
