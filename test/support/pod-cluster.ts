import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { dockerAvailable, PAUSE_ARGS, removeNodeContainers, requireDocker } from './docker.js';
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

export interface PodSuite {
  skiff: SkiffProcess;
  kubectl: SkiffProcess['kubectl'];
  node: string;
  /** Writes the manifest into the test's folder and applies it with kubectl. */
  apply(name: string, yaml: string): Promise<string>;
}

/**
 * A describe block whose tests share one pod cluster, started before them with its node Ready and
 * removed after, containers included. Runs where Docker is; in CI a missing Docker fails.
 */
export function describeWithPods(title: string, body: (suite: PodSuite) => void): void {
  describe.runIf(dockerAvailable() || process.env.CI === 'true')(title, () => {
    let cluster: Awaited<ReturnType<typeof startPodCluster>> | undefined;
    const suite = {} as PodSuite;
    beforeAll(async () => {
      cluster = await startPodCluster();
      Object.assign(suite, {
        skiff: cluster.skiff,
        kubectl: cluster.skiff.kubectl,
        node: cluster.node,
        apply: (name: string, yaml: string) => {
          const f = path.join(cluster!.skiff.workDir, `${name}.yaml`);
          writeFileSync(f, yaml);
          return cluster!.skiff.kubectl.ok(['apply', '-f', f]);
        },
      });
      await suite.kubectl.ok(['wait', '--for=condition=Ready', `node/${cluster.node}`, '--timeout=60s']);
    });
    afterAll(async () => {
      await cluster?.dispose();
    });
    body(suite);
  });
}
