// The dashboard bridge: its contract (types only, for the renderer and the preload), the
// service that implements it over a cluster, and web mode's server.
export type * from './contract.js';
export { REQUEST_NAMES, SUBSCRIPTION_NAMES } from './methods.js';
export type { ClientMessage, ServerMessage } from './protocol.js';
export { isClientMessage } from './protocol.js';
export { BridgeConnection } from './connection.js';
export { createBridgeService, clusterInfo, type BridgeService } from './service.js';
export type { ClusterHost, BridgedCluster } from './host.js';
export { SettingsFile, defaultSettings, validateSettings } from './settings.js';
export { resetCluster, stopWithPods } from './wipe.js';
export { dockerFor } from './docker.js';
export { startDashboard, DEFAULT_DASHBOARD_PORT, type Dashboard, type DashboardOptions } from './dashboard.js';
export { defaultToolsDir, defaultRendererDir, findAppRoot } from './app-paths.js';
export { toStatus } from './errors.js';
