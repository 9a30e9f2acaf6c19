import { randomBytes } from 'node:crypto';
import { PAUSE_ARGS, removeNodeContainers, requireDocker } from './docker.js';
import { startSkiff, type SkiffProcess } from './skiff.js';

/** A cluster with a kubelet on the real Docker daemon, on a node name of its own so cleanup is exact. */
export async function startPodCluster(): Promise<{ skiff: SkiffProcess; node: string; dispose(): Promise<void> }> {
  requireDocker();
  const node = `skiff-test-${randomBytes(3).toString('hex')}`;
  const skiff = await startSkiff({ kubelet: true, args: [...PAUSE_ARGS, '--node-name', node] });
  return {
    skiff,
    node,
    async dispose() {
      await skiff.dispose();
      removeNodeContainers(node);
    },
  };
}

export const docker = requireDocker;
