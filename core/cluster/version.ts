import type { VersionInfo } from '../apiserver/deps.js';

/** The Kubernetes version Skiff answers as; kubectl and helm read it for skew and chart checks. */
export const KUBERNETES_VERSION = { major: '1', minor: '34', patch: '0' };

export function versionInfo(skiffVersion: string): VersionInfo {
  return {
    major: KUBERNETES_VERSION.major,
    minor: KUBERNETES_VERSION.minor,
    gitVersion: `v${KUBERNETES_VERSION.major}.${KUBERNETES_VERSION.minor}.${KUBERNETES_VERSION.patch}+skiff.${skiffVersion.replace(/[^0-9A-Za-z.-]/g, '-')}`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: `node${process.versions.node}`,
    compiler: 'skiff',
    platform: `${process.platform === 'win32' ? 'windows' : process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}
