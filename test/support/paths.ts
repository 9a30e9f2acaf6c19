import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TOOLS_BIN = path.join(REPO_ROOT, '.cache', 'tools', 'bin');
export const ARTIFACTS = path.join(REPO_ROOT, 'test', 'artifacts');

/** The kubectl under test: SKIFF_KUBECTL=1.33|1.34|1.35 picks one of the fetched binaries. */
export function kubectlVersion(): string {
  return process.env.SKIFF_KUBECTL ?? '1.34';
}

export function kubectlPath(version = kubectlVersion()): string {
  return path.join(TOOLS_BIN, `kubectl-${version}`);
}

export function helmPath(): string {
  return path.join(TOOLS_BIN, 'helm');
}
