// The cluster as the app sees it: its state, the node's usage, the Kubernetes toggle.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { useBridge, type ClusterInfo, type NodeUsage } from '../bridge/index.js';
import { messageOf } from '../bridge/errors.js';

export const useClusterStore = defineStore('cluster', () => {
  const info = shallowRef<ClusterInfo>();
  const usage = shallowRef<NodeUsage>();
  const toggling = ref(false);
  const lastError = ref('');
  let started = false;

  function start(): void {
    if (started) return;
    started = true;
    const bridge = useBridge();
    bridge.onDidChangeCluster((i) => (info.value = i));
    bridge.onDidChangeNodeUsage((u) => (usage.value = u));
  }

  async function setEnabled(enabled: boolean): Promise<void> {
    toggling.value = true;
    lastError.value = '';
    try {
      info.value = await useBridge().setKubernetesEnabled(enabled);
    } catch (err) {
      lastError.value = messageOf(err);
    } finally {
      toggling.value = false;
    }
  }

  async function reset(): Promise<void> {
    toggling.value = true;
    try {
      info.value = await useBridge().resetCluster();
    } finally {
      toggling.value = false;
    }
  }

  return { info, usage, toggling, lastError, start, setEnabled, reset };
});
