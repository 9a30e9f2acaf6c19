// Docker as the bridge reaches it, for what the kubelet does not offer: usage figures, and
// stopping or removing this cluster's containers when Kubernetes is turned off or reset.
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

const POD_UID_LABEL = 'io.kubernetes.pod.uid';

/**
 * The containers of these pods only: other clusters may share the Docker daemon (tests do),
 * and their containers are none of ours.
 */
async function containersOf(docker: Docker, podUids: Set<string>, all: boolean) {
  const list = await docker.listContainers({ all, filters: { label: ['skiff.managed=true'] } });
  return list.filter((c) => podUids.has(c.Labels?.[POD_UID_LABEL] ?? ''));
}

export async function stopPodContainers(docker: Docker, podUids: Set<string>, graceSeconds = 5): Promise<number> {
  const list = await containersOf(docker, podUids, false);
  await Promise.all(list.map((c) => docker.getContainer(c.Id).stop({ t: graceSeconds }).catch(() => {})));
  return list.length;
}

export async function removePodContainers(docker: Docker, podUids: Set<string>): Promise<number> {
  const list = await containersOf(docker, podUids, true);
  await Promise.all(list.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => {})));
  return list.length;
}
