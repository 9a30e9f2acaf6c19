export { createCluster, Cluster, ClusterStartError, type ClusterConfig, type ClusterState, type KubeconfigTarget } from './cluster.js';
export { mergeKubeconfig, writeStandaloneKubeconfig, standaloneKubeconfig, defaultKubeconfigPath, type KubeconfigEntry } from './kubeconfig.js';
export { defaultDataDir } from './paths.js';
