import { describe, expect, it } from 'vitest';
import { parseManifests } from './writes.js';
import { splitTimestamp } from './logs.js';
import { parseQuantity } from './quantity.js';
import { requestedBy } from './usage.js';
import { shellEnvironment } from './terminals.js';

describe('manifests', () => {
  it('parses documents with YAML 1.1 rules and drops empty ones', () => {
    const docs = parseManifests('---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {flag: yes}\n---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n');
    expect(docs.map((d) => d.metadata.name)).toEqual(['a', 'b']);
    expect(docs[0].data.flag).toBe(true);
  });

  it('says which document is broken, as a 400', () => {
    expect(() => parseManifests('a: 1\n---\nb: [\n')).toThrow(/error parsing YAML \(document 2\)/);
    expect(() => parseManifests('- 1\n- 2\n')).toThrow(/not an object/);
    expect(() => parseManifests('\n---\n')).toThrow(/no objects/);
  });
});

describe('small readers', () => {
  it('splits kubelet log timestamps', () => {
    expect(splitTimestamp('2026-01-01T00:00:01.123456789Z hello world')).toEqual({ ts: '2026-01-01T00:00:01.123456789Z', text: 'hello world' });
    expect(splitTimestamp('plain line')).toEqual({ text: 'plain line' });
  });

  it('reads quantities and sums what pods request', () => {
    expect(parseQuantity('500m')).toBe(0.5);
    expect(parseQuantity('2Gi')).toBe(2 * 2 ** 30);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('bogus')).toBe(0);
    const pod = (cpu: string, phase = 'Running') => ({ metadata: {}, spec: { containers: [{ resources: { requests: { cpu, memory: '64Mi' } } }] }, status: { phase } });
    expect(requestedBy([pod('250m'), pod('250m'), pod('1', 'Succeeded')])).toEqual({ cpu: 0.5, memory: 128 * 2 ** 20 });
  });

  it('puts Skiff’s tools first on PATH and its kubeconfig in the shell', () => {
    const env = shellEnvironment({ PATH: '/usr/bin', HOME: '/h' }, '/data/kubeconfig', '/tools');
    expect(env.PATH?.split(':')[0]).toBe('/tools');
    expect(env.KUBECONFIG).toBe('/data/kubeconfig');
    expect(env.HOME).toBe('/h');
  });
});
