// Every failure crosses the bridge as a Kubernetes Status, whatever threw it.
import { StatusError } from '../api/errors.js';
import type { Status } from './contract.js';

export function failure(code: number, reason: string, message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code, reason, message };
}

export function toStatus(err: unknown): Status {
  if (err instanceof StatusError) return err.status;
  const s = (err as { status?: unknown } | undefined)?.status;
  if (s && typeof s === 'object' && (s as Status).kind === 'Status') return s as Status;
  return failure(500, 'InternalError', err instanceof Error ? err.message : String(err));
}

export function unavailable(message: string): StatusError {
  return new StatusError(503, 'ServiceUnavailable', message);
}

export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}
