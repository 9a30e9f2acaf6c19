// The node's capacity and what is asked of it and used, for the overview. Requests come from
// the pods; use comes from Docker's stats of Skiff's containers, sampled only while someone
// watches, because asking Docker costs a little CPU of its own.
import Docker from 'dockerode';
import type { KubeObject, NodeUsage, Unsubscribe } from './contract.js';
import type { ClusterHost } from './host.js';
import { parseQuantity } from './quantity.js';

const SAMPLE_MS = 5000;
/** The kubelet marks every container it runs with this label. */
const MANAGED_LABEL = 'skiff.managed=true';

export function requestedBy(pods: KubeObject[]): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const p of pods) {
    const phase = p.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    for (const c of p.spec?.containers ?? []) {
      cpu += parseQuantity(c.resources?.requests?.cpu);
      memory += parseQuantity(c.resources?.requests?.memory);
    }
  }
  return { cpu, memory };
}

interface CpuSample {
  total: number;
  at: number;
}

export class UsageSampler {
  private readonly listeners = new Set<(u: NodeUsage) => void>();
  private timer?: ReturnType<typeof setInterval>;
  private readonly previous = new Map<string, CpuSample>();
  private last?: NodeUsage;

  constructor(
    private readonly host: ClusterHost,
    private readonly docker: () => Docker | undefined,
  ) {}

  subscribe(listener: (u: NodeUsage) => void): Unsubscribe {
    this.listeners.add(listener);
    if (this.last) listener(this.last);
    if (!this.timer) {
      this.timer = setInterval(() => void this.sample(), SAMPLE_MS);
      this.timer.unref?.();
      void this.sample();
    }
    return () => {
      this.listeners.delete(listener);
      if (!this.listeners.size && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  private async sample(): Promise<void> {
    const cluster = this.host.current();
    if (cluster.state !== 'running' || !cluster.client) return;
    const node = cluster.client.list('v1', 'Node').items[0];
    const alloc = node?.status?.allocatable ?? node?.status?.capacity ?? {};
    const pods = cluster.client.list('v1', 'Pod').items;
    const req = requestedBy(pods);
    const used = await this.dockerUse(new Set(pods.map((p) => p.metadata.uid ?? ''))).catch(() => undefined);
    const usage: NodeUsage = {
      cpuCapacity: parseQuantity(alloc.cpu),
      memoryCapacity: parseQuantity(alloc.memory),
      cpuRequested: req.cpu,
      memoryRequested: req.memory,
      cpuUsed: used?.cpu,
      memoryUsed: used?.memory,
    };
    this.last = usage;
    for (const l of this.listeners) l(usage);
  }

  /** Counts only this cluster's pods: other clusters may share the Docker daemon. */
  private async dockerUse(podUids: Set<string>): Promise<{ cpu: number; memory: number } | undefined> {
    const docker = this.docker();
    if (!docker) return undefined;
    const all = await docker.listContainers({ filters: { label: [MANAGED_LABEL], status: ['running'] } });
    const list = all.filter((c) => podUids.has(c.Labels?.['io.kubernetes.pod.uid'] ?? ''));
    let cpu = 0;
    let memory = 0;
    const now = Date.now();
    const seen = new Set<string>();
    await Promise.all(
      list.map(async (c) => {
        seen.add(c.Id);
        const s = (await docker.getContainer(c.Id).stats({ stream: false, 'one-shot': true } as { stream: false })) as any;
        const total = Number(s?.cpu_stats?.cpu_usage?.total_usage ?? 0);
        const prev = this.previous.get(c.Id);
        if (prev && now > prev.at && total >= prev.total) cpu += (total - prev.total) / ((now - prev.at) * 1e6);
        this.previous.set(c.Id, { total, at: now });
        const mem = s?.memory_stats ?? {};
        memory += Math.max(0, Number(mem.usage ?? 0) - Number(mem.stats?.inactive_file ?? mem.stats?.total_inactive_file ?? 0));
      }),
    );
    for (const id of this.previous.keys()) if (!seen.has(id)) this.previous.delete(id);
    return { cpu, memory };
  }
}
