// "Use the skiff context in kubectl": merge Skiff into the user's kubeconfig without touching
// their other contexts, and make it current only when they asked (or there is no current one).
import { defaultKubeconfigPath, mergeKubeconfig, type Cluster } from '../../core/cluster/index.js';
import type { KubeContextResult } from '../shared/index.js';

export function useSkiffContext(cluster: Pick<Cluster, 'state' | 'kubeconfigEntry'>, options: { switchContext: boolean; file?: string; now?: Date }): KubeContextResult {
  if (cluster.state !== 'running') throw new Error('start Kubernetes first: the kubeconfig needs the running API server');
  const r = mergeKubeconfig(options.file ?? defaultKubeconfigPath(), cluster.kubeconfigEntry(), { switchContext: options.switchContext, now: options.now });
  return { file: r.file, current: r.current, backup: r.backup };
}
