// The final word of an exec or attach session, written on the error channel (3) or the
// `error` stream. Shaped like the kubelet's: a metav1.Status marshalled without kind and
// apiVersion. client-go turns NonZeroExitCode into `command terminated with exit code N`
// (and kubectl exits with N) and any other Failure into an error carrying the message.

export interface SessionStatus {
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: { causes: { reason?: string; message: string }[] };
  code?: number;
}

export function successStatus(): SessionStatus {
  return { metadata: {}, status: 'Success' };
}

export function exitCodeStatus(command: string[], exitCode: number): SessionStatus {
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

export function internalErrorStatus(message: string): SessionStatus {
  return {
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: ${message}`,
    reason: 'InternalError',
    details: { causes: [{ message }] },
    code: 500,
  };
}

/** What to report for a finished session. Attach reports no exit codes, like the kubelet. */
export function sessionStatus(kind: 'exec' | 'attach', command: string[], result: { exitCode?: number; error?: string }): SessionStatus {
  if (result.error) return internalErrorStatus(`${kind === 'exec' ? 'error executing command in container' : 'error attaching to container'}: ${result.error}`);
  if (kind === 'exec' && result.exitCode !== undefined && result.exitCode !== 0) return exitCodeStatus(command, result.exitCode);
  return successStatus();
}
