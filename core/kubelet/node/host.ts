import { statfsSync } from 'node:fs';
import os from 'node:os';

/** The node name Kubernetes would derive from the host name: lower case, a DNS subdomain. */
export function defaultNodeName(): string {
  const name = os
    .hostname()
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return name || 'skiff';
}

/** The host's first external IPv4 address, skipping the bridges Docker makes. */
export function defaultHostIP(): string {
  const ifaces = os.networkInterfaces();
  for (const [name, addrs] of Object.entries(ifaces)) {
    if (/^(docker|br-|veth|virbr|cni|flannel|lo)/.test(name)) continue;
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

export function diskBytes(dir: string): number {
  try {
    const s = statfsSync(dir);
    return s.blocks * s.bsize;
  } catch {
    return 0;
  }
}
