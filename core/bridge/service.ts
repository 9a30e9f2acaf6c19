// The bridge contract implemented over a running cluster. Both transports serve this one
// object: the Electron main process through IPC, `skiff up` through HTTP and WebSocket.
import type Docker from 'dockerode';
import { dockerFor } from './docker.js';
import type { ClusterInfo, SkiffBridge } from './contract.js';
import type { ClusterHost } from './host.js';
import { getObject, listObjects, resourceTypes, watchObjects } from './objects.js';
import { applyYaml, deleteObject, patchObject, restartRollout, scaleObject } from './writes.js';
import { followLogs } from './logs.js';
import { TerminalSessions } from './terminals.js';
import { UsageSampler } from './usage.js';

export const KUBERNETES_VERSION = 'v1.34';

export function clusterInfo(host: ClusterHost): ClusterInfo {
  const c = host.current();
  const running = c.state === 'running';
  return {
    phase: host.phase(),
    detail: c.state === 'error' ? host.lastError() : undefined,
    kubernetesVersion: KUBERNETES_VERSION,
    skiffVersion: host.skiffVersion,
    apiServer: running && c.port ? c.server_url : undefined,
    kubelet: c.config.kubelet,
    dataDir: c.config.dataDir,
    host: host.kind,
  };
}

export interface BridgeService extends SkiffBridge {
  dispose(): void;
}

export function createBridgeService(host: ClusterHost): BridgeService {
  const terminals = new TerminalSessions(host);
  let docker: { socket: string; client: Docker } | undefined;
  const usage = new UsageSampler(host, () => {
    const socket = host.current().config.node?.dockerHost ?? host.getSettings().values.dockerSocket;
    if (docker?.socket !== socket) docker = { socket, client: dockerFor(socket) };
    return docker.client;
  });
  return {
    async getClusterInfo() {
      return clusterInfo(host);
    },
    onDidChangeCluster(listener) {
      let last = '';
      const send = () => {
        const info = clusterInfo(host);
        const key = JSON.stringify(info);
        if (key !== last) listener(info);
        last = key;
      };
      send();
      return host.onDidChange(send);
    },
    async setKubernetesEnabled(enabled) {
      if (typeof enabled !== 'boolean') throw new TypeError('enabled must be true or false');
      await host.setKubernetesEnabled(enabled);
      return clusterInfo(host);
    },
    async resetCluster() {
      await host.reset();
      return clusterInfo(host);
    },
    async useSkiffContext(options) {
      return host.useSkiffContext({ switchContext: !!options?.switchContext });
    },
    async listResourceTypes() {
      return resourceTypes(host);
    },
    async list(query) {
      return listObjects(host, query);
    },
    async get(ref) {
      return getObject(host, ref);
    },
    onDidChangeObjects(query, listener) {
      return watchObjects(host, query, listener);
    },
    onDidChangeNodeUsage(listener) {
      return usage.subscribe(listener);
    },
    applyYaml(yaml, options) {
      if (typeof yaml !== 'string') throw new TypeError('yaml must be text');
      return applyYaml(host, yaml, options);
    },
    patch(ref, kind, body) {
      return patchObject(host, ref, kind, body);
    },
    scale(ref, replicas) {
      return scaleObject(host, ref, replicas);
    },
    restartRollout(ref) {
      return restartRollout(host, ref);
    },
    delete(ref, options) {
      return deleteObject(host, ref, options);
    },
    onDidReceiveLogs(request, listener) {
      return followLogs(host, request, listener);
    },
    onDidTerminalEvent(request, listener) {
      return terminals.open(request, listener);
    },
    async writeTerminal(id, data) {
      terminals.write(id, data);
    },
    async resizeTerminal(id, cols, rows) {
      terminals.resize(id, cols, rows);
    },
    async getSettings() {
      return host.getSettings();
    },
    updateSettings(changes) {
      return host.updateSettings(changes);
    },
    onDidChangeSettings(listener) {
      return host.onDidChangeSettings(listener);
    },
    dispose() {
      terminals.closeAll();
    },
  };
}
