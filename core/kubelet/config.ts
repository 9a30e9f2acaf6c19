import type { ContainerRuntime } from './runtime/types.js';
import type { IssueToken } from './volumes/token-manager.js';

/**
 * The image holding each pod's network namespace when none is configured. Docker Desktop and
 * most machines can pull it; where no registry is reachable, pass a local image (and a command
 * that sleeps forever) instead, as the tests do.
 */
export const DEFAULT_PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

export interface KubeletConfig {
  /** The Node's name; the host name when absent. */
  nodeName?: string;
  /** Pod volumes live under `<dataDir>/pods`, static pod manifests in `<dataDir>/manifests`. */
  dataDir: string;
  /** `DOCKER_HOST` format; `DOCKER_HOST` from the environment, then the platform's socket, when absent. */
  dockerHost?: string;
  pauseImage?: string;
  /** Entrypoint for the pause image, for images (like busybox) whose default command exits. */
  pauseCommand?: string[];
  /** The API server as containers reach it (KUBERNETES_SERVICE_HOST/PORT) and its CA for `ca.crt`. */
  apiServer: { host: string; port: number; caCert: string };
  /** Service account tokens for projected volumes, issued like TokenRequest. */
  issueToken?: IssueToken;
  /** Inject a runtime (the simulated one in tests); Docker through dockerode otherwise. */
  runtime?: ContainerRuntime;
  /** The node's InternalIP and the pods' hostIP; the first external IPv4 address when absent. */
  nodeIP?: string;
  /** Cluster DNS servers for `dnsPolicy: ClusterFirst`; the host's resolver when absent. */
  clusterDNS?: string[];
  clusterDomain?: string;
  /** How often every pod is synced again even without events (also refreshes configMap/secret volumes). */
  resyncMs?: number;
  heartbeatMs?: number;
  workers?: number;
  /** Crash-loop back-off; upstream's 10 s doubling to 5 min unless a test shortens it. */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
}
