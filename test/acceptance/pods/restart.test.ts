import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerAvailable, IMAGE_V1, nodeContainers } from '../../support/docker.js';
import { startPodCluster } from '../../support/pod-cluster.js';

let cluster: Awaited<ReturnType<typeof startPodCluster>>;

describe.runIf(dockerAvailable() || process.env.CI === 'true')('restart safety', () => {
  beforeAll(async () => {
    cluster = await startPodCluster();
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  it('adopts running pods after a restart: no duplicate, no lost container', async () => {
    const k = cluster.skiff.kubectl;
    await k.ok(['wait', '--for=condition=Ready', `node/${cluster.node}`, '--timeout=60s']);
    await k.ok(['create', 'deployment', 'keep', `--image=${IMAGE_V1}`, '--replicas=2', '--', 'sleep', '3600']);
    await k.ok(['rollout', 'status', 'deployment/keep', '--timeout=90s']);
    const before = nodeContainers(cluster.node).filter((c) => c.state === 'running').map((c) => c.id).sort();
    expect(before).toHaveLength(4);
    await cluster.skiff.restart();
    await k.ok(['wait', '--for=condition=Ready', `node/${cluster.node}`, '--timeout=60s']);
    await k.ok(['rollout', 'status', 'deployment/keep', '--timeout=60s']);
    await new Promise((r) => setTimeout(r, 3000));
    const after = nodeContainers(cluster.node).filter((c) => c.state === 'running').map((c) => c.id).sort();
    expect(after).toEqual(before);
    expect(nodeContainers(cluster.node)).toHaveLength(4);
    const pods = (await k.json(['get', 'pods', '-l', 'app=keep'])).items;
    expect(pods).toHaveLength(2);
    for (const p of pods) expect(p.status.containerStatuses[0].restartCount).toBe(0);
  });
});
