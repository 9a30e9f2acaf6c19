import os from 'node:os';
import type { Client } from '../../client/index.js';
import { isAlreadyExists, isConflict, isNotFound } from '../../client/index.js';
import type { KubeObject } from '../../api/types.js';
import { rfc3339Micro, type Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import type { ContainerRuntime, RuntimeInfo } from '../runtime/types.js';
import type { NodeFacts } from '../pod/field-ref.js';
import { diskBytes } from './host.js';
import { nodeLabels, nodeStatus, type Readiness } from './node-object.js';

export interface NodeAgentConfig {
  client: Client;
  runtime: ContainerRuntime;
  clock: Clock;
  logger: Logger;
  nodeName: string;
  hostIP: string;
  dataDir: string;
  /** Lease renewals (and runtime health checks) this often. */
  heartbeatMs?: number;
  /** Node status is rewritten at least this often even when nothing changed. */
  statusReportMs?: number;
  onReadinessChange(ready: boolean): void;
}

const LEASE_NAMESPACE = 'kube-node-lease';
const LEASE_DURATION_SECONDS = 40;

/**
 * Registers the Node, keeps its status and Lease fresh, and turns it NotReady while the
 * runtime cannot be reached (and Ready again when it comes back).
 */
export class NodeAgent {
  private info?: RuntimeInfo;
  private readiness: Readiness = { ready: false, message: 'container runtime status check may not have completed yet' };
  private lastReport = 0;
  private timer?: { cancel(): void };
  private stopped = false;
  private beating?: Promise<void>;

  constructor(private readonly config: NodeAgentConfig) {}

  get ready(): boolean {
    return this.readiness.ready;
  }

  get runtimeInfo(): RuntimeInfo | undefined {
    return this.info;
  }

  facts(): NodeFacts {
    return {
      nodeName: this.config.nodeName,
      hostIP: this.config.hostIP,
      cpuCapacityMilli: (this.info?.cpus ?? 1) * 1000,
      memoryCapacityBytes: this.info?.memoryBytes ?? 0,
      ephemeralStorageBytes: diskBytes(this.config.dataDir),
    };
  }

  start(): Promise<void> {
    return this.beat();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }

  /** One heartbeat now (tests call it; the timer calls it every heartbeatMs). */
  beat(): Promise<void> {
    this.beating ??= this.heartbeat().finally(() => {
      this.beating = undefined;
      if (!this.stopped) {
        this.timer?.cancel();
        this.timer = this.config.clock.setTimeout(() => void this.beat(), this.config.heartbeatMs ?? 10_000);
      }
    });
    return this.beating;
  }

  private async heartbeat(): Promise<void> {
    const was = this.readiness.ready;
    try {
      this.info = await this.config.runtime.info();
      this.readiness = { ready: true };
    } catch (err) {
      const msg = (err as Error).message;
      this.readiness = { ready: false, message: `container runtime is down: cannot reach ${this.info?.runtimeName ?? 'the container runtime'}: ${msg}` };
    }
    const changed = was !== this.readiness.ready;
    try {
      await this.ensureNode(changed);
      await this.renewLease();
    } catch (err) {
      this.config.logger.warn('node heartbeat failed', { error: (err as Error).message });
    }
    if (changed) this.config.onReadinessChange(this.readiness.ready);
  }

  private async ensureNode(force: boolean): Promise<void> {
    const { client, nodeName } = this.config;
    const now = this.config.clock.now();
    let node = client.find('v1', 'Node', undefined, nodeName);
    const info: RuntimeInfo = this.info ?? { name: '', cpus: 0, memoryBytes: 0, os: 'linux', osImage: '', kernelVersion: '', architecture: os.arch() === 'x64' ? 'amd64' : os.arch(), runtimeVersion: '', runtimeName: 'docker', podNetworkReachable: false };
    const labels = nodeLabels(nodeName, info);
    if (!node) {
      try {
        node = await client.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: nodeName, labels, annotations: { 'node.alpha.kubernetes.io/ttl': '0' } }, spec: {} });
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
        node = client.get('v1', 'Node', undefined, nodeName);
      }
      force = true;
    } else if (Object.entries(labels).some(([k, v]) => node!.metadata.labels?.[k] !== v)) {
      node = await client.update({ ...node, metadata: { ...node.metadata, labels: { ...node.metadata.labels, ...labels } } });
    }
    if (!force && now - this.lastReport < (this.config.statusReportMs ?? 60_000)) return;
    const status = nodeStatus({ name: nodeName, hostIP: this.config.hostIP, hostname: nodeName, info, ephemeralStorageBytes: diskBytes(this.config.dataDir) }, this.readiness, now, node);
    try {
      await client.updateStatus({ ...node, status: { ...node.status, ...status } });
      this.lastReport = now;
    } catch (err) {
      if (!isConflict(err)) throw err;
    }
  }

  private async renewLease(): Promise<void> {
    const { client, nodeName } = this.config;
    const renewTime = rfc3339Micro(this.config.clock.now());
    const lease = client.find('coordination.k8s.io/v1', 'Lease', LEASE_NAMESPACE, nodeName);
    try {
      if (lease) {
        await client.update({ ...lease, spec: { ...lease.spec, holderIdentity: nodeName, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime } });
        return;
      }
      const node = client.find('v1', 'Node', undefined, nodeName);
      const owner = node ? [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: node.metadata.uid! }] : undefined;
      const obj: KubeObject = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: nodeName, namespace: LEASE_NAMESPACE, ...(owner ? { ownerReferences: owner } : {}) }, spec: { holderIdentity: nodeName, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime } };
      await client.create(obj);
    } catch (err) {
      if (!isConflict(err) && !isAlreadyExists(err) && !isNotFound(err)) throw err;
    }
  }
}
