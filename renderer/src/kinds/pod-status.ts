// A pod's one-word status the way `kubectl get pods` derives it, with a colour.
import type { KubeObject } from '../bridge/index.js';
import type { StatusText } from './tone.js';

const BAD_WAITING = new Set(['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'CreateContainerConfigError', 'CreateContainerError', 'InvalidImageName', 'RunContainerError']);

export function podStatus(pod: KubeObject): StatusText {
  const st = pod.status ?? {};
  if (pod.metadata.deletionTimestamp) return { text: 'Terminating', tone: 'idle' };
  let reason: string = st.reason ?? st.phase ?? 'Pending';
  for (const [i, c] of (st.initContainerStatuses ?? []).entries()) {
    const t = c.state?.terminated;
    if (t && t.exitCode === 0) continue;
    if (t) reason = t.reason ? `Init:${t.reason}` : `Init:ExitCode:${t.exitCode}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${(pod.spec?.initContainers ?? []).length}`;
    return { text: reason, tone: /Error|BackOff|Err/.test(reason) ? 'bad' : 'warn' };
  }
  let running = false;
  for (const c of [...(st.containerStatuses ?? [])].reverse()) {
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated) reason = c.state.terminated.reason ?? (c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`);
    else if (c.state?.running && c.ready) running = true;
  }
  if (reason === 'Completed' && running) reason = 'Running';
  if (BAD_WAITING.has(reason) || reason === 'Error' || reason.startsWith('ExitCode') || reason === 'Failed' || reason === 'OOMKilled') return { text: reason, tone: 'bad' };
  if (reason === 'Running') {
    const ready = (st.containerStatuses ?? []).every((c: { ready?: boolean }) => c.ready);
    return { text: 'Running', tone: ready ? 'ok' : 'warn' };
  }
  if (reason === 'Completed' || reason === 'Succeeded') return { text: reason, tone: 'idle' };
  return { text: reason, tone: 'warn' };
}

export function podReady(pod: KubeObject): string {
  const cs = pod.status?.containerStatuses ?? [];
  const total = (pod.spec?.containers ?? []).length;
  return `${cs.filter((c: { ready?: boolean }) => c.ready).length}/${total}`;
}

export function podRestarts(pod: KubeObject): number {
  return (pod.status?.containerStatuses ?? []).reduce((n: number, c: { restartCount?: number }) => n + (c.restartCount ?? 0), 0);
}

export function containerNames(pod: KubeObject): string[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c: { name: string }) => c.name);
}
