import { describe, expect, it } from 'vitest';
import { podReady, podRestarts, podStatus } from './pod-status.js';

const pod = (status: object, extra: object = {}) => ({ metadata: { name: 'p', ...extra }, spec: { containers: [{ name: 'a' }, { name: 'b' }] }, status });

describe('pod status', () => {
  it('reads like kubectl', () => {
    expect(podStatus(pod({ phase: 'Running', containerStatuses: [{ ready: true, state: { running: {} } }, { ready: true, state: { running: {} } }] }))).toEqual({ text: 'Running', tone: 'ok' });
    expect(podStatus(pod({ phase: 'Running', containerStatuses: [{ ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }))).toEqual({ text: 'CrashLoopBackOff', tone: 'bad' });
    expect(podStatus(pod({ phase: 'Pending', containerStatuses: [{ state: { waiting: { reason: 'ContainerCreating' } } }] }))).toEqual({ text: 'ContainerCreating', tone: 'warn' });
    expect(podStatus(pod({ phase: 'Succeeded', containerStatuses: [{ state: { terminated: { reason: 'Completed', exitCode: 0 } } }] })).text).toBe('Completed');
    expect(podStatus(pod({ phase: 'Running' }, { deletionTimestamp: '2026-01-01T00:00:00Z' })).text).toBe('Terminating');
    expect(podStatus(pod({ phase: 'Pending', initContainerStatuses: [{ state: { waiting: { reason: 'PodInitializing' } } }] }))).toEqual({ text: 'Init:0/0', tone: 'warn' });
  });
  it('counts ready containers and restarts', () => {
    const p = pod({ containerStatuses: [{ ready: true, restartCount: 2 }, { ready: false, restartCount: 1 }] });
    expect(podReady(p)).toBe('1/2');
    expect(podRestarts(p)).toBe(3);
  });
});
