// Bridge failures carry a Kubernetes Status; this reads one out of whatever was thrown.
import type { Status } from '../../../electron/shared/index.js';

export function statusOf(err: unknown): Status {
  const s = (err as { status?: Status } | undefined)?.status;
  if (s && typeof s === 'object' && s.kind === 'Status') return s;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: err instanceof Error ? err.message : String(err) };
}

export function messageOf(err: unknown): string {
  return statusOf(err).message ?? 'something went wrong';
}
