export { startKubelet, apiServerEnv, type Kubelet } from './kubelet.js';
export { DEFAULT_PAUSE_IMAGE, type KubeletConfig } from './config.js';
export type { IssueToken } from './volumes/token-manager.js';
export * from './runtime/index.js';
export { KUBELET_VERSION } from './node/node-object.js';
