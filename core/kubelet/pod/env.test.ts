import { describe, expect, it } from 'vitest';
import { buildEnv, expand } from './env.js';
import { ConfigError } from './field-ref.js';

const node = { nodeName: 'n1', hostIP: '10.1.1.1', cpuCapacityMilli: 4000, memoryCapacityBytes: 8 * 2 ** 30, ephemeralStorageBytes: 0 };
const pod = { metadata: { name: 'p', namespace: 'ns', uid: 'u1', labels: { app: 'x' } }, spec: { containers: [{ name: 'c', resources: { limits: { memory: '64Mi' } } }] } };

describe('container environment', () => {
  it('expands $(VAR) like Kubernetes: known names, unknown kept, $$ escapes', () => {
    const vars: Record<string, string> = { A: 'one', B: 'two' };
    expect(expand('$(A)-$(B)-$(C)-$$(A)-$', (n) => vars[n])).toBe('one-two-$(C)-$(A)-$');
  });

  it('orders base, envFrom and env, resolves refs and honours optional', () => {
    const lookup = {
      configMap: (_ns: string, name: string) => (name === 'cm' ? { metadata: { name }, data: { K: 'v', X: 'from-cm' } } : undefined),
      secret: (_ns: string, name: string) => (name === 's' ? { metadata: { name }, data: { pw: Buffer.from('secret').toString('base64') } } : undefined),
    };
    const container = {
      name: 'c',
      envFrom: [{ configMapRef: { name: 'cm' }, prefix: 'CM_' }, { secretRef: { name: 'missing', optional: true } }],
      env: [
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
        { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
        { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
        { name: 'PW', valueFrom: { secretKeyRef: { name: 's', key: 'pw' } } },
        { name: 'OPT', valueFrom: { configMapKeyRef: { name: 'cm', key: 'nope', optional: true } } },
        { name: 'MSG', value: '$(POD) on $(BASE) with $(CM_K)' },
      ],
    };
    const env = new Map(buildEnv({ pod, container, podIP: '10.244.0.5', node, lookup, base: [['BASE', 'b']] }));
    expect(Object.fromEntries(env)).toEqual({ BASE: 'b', CM_K: 'v', CM_X: 'from-cm', POD: 'p', APP: 'x', MEM: '64', CPU: '4', PW: 'secret', MSG: 'p on b with v' });
    expect(() => buildEnv({ pod, container: { name: 'c', env: [{ name: 'Z', valueFrom: { secretKeyRef: { name: 's', key: 'other' } } }] }, podIP: '', node, lookup, base: [] })).toThrow(new ConfigError("couldn't find key other in Secret ns/s"));
  });
});
