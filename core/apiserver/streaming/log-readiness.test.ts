import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { checkLogReadable } from './log-readiness.js';

function pod(status: Record<string, unknown>): KubeObject {
  return { metadata: { name: 'p' }, status };
}

const cs = (state: Record<string, unknown>, lastState: Record<string, unknown> = {}) => ({ containerStatuses: [{ name: 'c', state, lastState }], phase: 'Running' });

describe('checkLogReadable', () => {
  it('lets running and terminated containers through', () => {
    expect(() => checkLogReadable(pod(cs({ running: {} })), 'c', false)).not.toThrow();
    expect(() => checkLogReadable(pod(cs({ terminated: { containerID: 'docker://1' } })), 'c', false)).not.toThrow();
    expect(() => checkLogReadable(pod(cs({ running: {} }, { terminated: { containerID: 'docker://0' } })), 'c', true)).not.toThrow();
  });

  it("refuses with the kubelet's words", () => {
    const msg = (status: Record<string, unknown>, previous = false) => {
      try {
        checkLogReadable(pod(status), 'c', previous);
        return 'accepted';
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(msg(cs({ waiting: { reason: 'ContainerCreating' } }))).toBe('container "c" in pod "p" is waiting to start: ContainerCreating');
    expect(msg(cs({ waiting: { reason: 'ImagePullBackOff' } }))).toBe('container "c" in pod "p" is waiting to start: trying and failing to pull image');
    expect(msg(cs({ waiting: { reason: 'ErrImagePull' } }))).toBe('container "c" in pod "p" is waiting to start: image can\'t be pulled');
    expect(msg(cs({ terminated: {} }))).toBe('container "c" in pod "p" is terminated');
    expect(msg(cs({}))).toBe('container "c" in pod "p" is waiting to start - no logs yet');
    expect(msg(cs({ running: {} }), true)).toBe('previous terminated container "c" in pod "p" not found');
    expect(msg({ phase: 'Pending' })).toBe('container "c" in pod "p" is waiting to start: ContainerCreating');
    expect(msg({ phase: 'Running' })).toBe('container "c" in pod "p" is not available');
  });
});
