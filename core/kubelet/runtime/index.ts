export * from './types.js';
export { DockerRuntime, type DockerRuntimeConfig } from './docker-runtime.js';
export { dockerConnection, parseDockerHost } from './docker-connection.js';
export { SimulatedRuntime, type SimulatedRuntimeConfig, type SimBehavior, type SimContainer, type SimExecResult } from './simulated-runtime.js';
export * from './labels.js';
