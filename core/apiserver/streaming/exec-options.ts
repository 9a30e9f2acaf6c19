import { badRequest } from '../../api/errors.js';
import type { AttachOptions } from '../../api/pod-streams.js';
import { boolParam } from './query-params.js';

export interface StreamRequest extends AttachOptions {
  container?: string;
  /** Empty for attach. */
  command: string[];
}

/** PodExecOptions / PodAttachOptions from the query. */
export function parseStreamRequest(query: URLSearchParams, kind: 'exec' | 'attach'): StreamRequest {
  const tty = boolParam(query, 'tty');
  const out: StreamRequest = {
    container: query.get('container') || undefined,
    command: kind === 'exec' ? query.getAll('command') : [],
    stdin: boolParam(query, 'stdin'),
    stdout: boolParam(query, 'stdout'),
    // A terminal merges stderr into stdout; the kubelet drops a stderr request with a TTY.
    stderr: boolParam(query, 'stderr') && !tty,
    tty,
  };
  return out;
}

/** The kubelet's checks, which upstream makes after the pod and container are found. */
export function validateStreamRequest(r: StreamRequest, kind: 'exec' | 'attach'): void {
  if (!r.stdin && !r.stdout && !r.stderr) throw badRequest('you must specify at least 1 of stdin, stdout, stderr');
  if (kind === 'exec' && r.command.length === 0) throw badRequest('you must specify at least one command for the container');
}
