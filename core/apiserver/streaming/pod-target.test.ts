import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { chooseContainer, requireHost } from './pod-target.js';

function pod(containers: string[], extra: { init?: string[]; annotation?: string; nodeName?: string } = {}): KubeObject {
  return {
    metadata: { name: 'p', namespace: 'default', ...(extra.annotation ? { annotations: { 'kubectl.kubernetes.io/default-container': extra.annotation } } : {}) },
    spec: { containers: containers.map((name) => ({ name })), initContainers: (extra.init ?? []).map((name) => ({ name })), nodeName: extra.nodeName },
  };
}

describe('chooseContainer', () => {
  it('takes the only container, or the one asked for (init containers included)', () => {
    expect(chooseContainer(pod(['a']), undefined)).toBe('a');
    expect(chooseContainer(pod(['a', 'b'], { init: ['setup'] }), 'setup')).toBe('setup');
  });

  it('follows the default-container annotation when it names a container', () => {
    expect(chooseContainer(pod(['a', 'b'], { annotation: 'b' }), undefined)).toBe('b');
    expect(() => chooseContainer(pod(['a', 'b'], { annotation: 'zz' }), undefined)).toThrow('choose one of');
  });

  it("uses upstream's words when it cannot tell", () => {
    expect(() => chooseContainer(pod(['a', 'b'], { init: ['i'] }), undefined)).toThrow('a container name must be specified for pod p, choose one of: [i a b]');
    expect(() => chooseContainer(pod([]), undefined)).toThrow('a container name must be specified for pod p');
    expect(() => chooseContainer(pod(['a']), 'x')).toThrow('container x is not valid for pod p');
  });
});

describe('requireHost', () => {
  it('refuses a pod that is not bound to a node', () => {
    expect(() => requireHost(pod(['a']))).toThrow('pod p does not have a host assigned');
    expect(() => requireHost(pod(['a'], { nodeName: 'n' }))).not.toThrow();
  });
});
