import { describe, expect, it } from 'vitest';
import { milliValue, unitValue } from './quantity.js';
import { podRequests } from './resources.js';

describe('quantities', () => {
  it('reads CPU exactly in millicores, rounding up', () => {
    expect(milliValue('100m')).toBe(100);
    expect(milliValue('0.1')).toBe(100);
    expect(milliValue('1.5')).toBe(1500);
    expect(milliValue('2')).toBe(2000);
    expect(milliValue('1u')).toBe(1);
    expect(milliValue('1e-3')).toBe(1);
  });

  it('reads binary, decimal and exponent suffixes', () => {
    expect(unitValue('1Ki')).toBe(1024);
    expect(unitValue('128Mi')).toBe(128 * 2 ** 20);
    expect(unitValue('1.5Gi')).toBe(1.5 * 2 ** 30);
    expect(unitValue('1k')).toBe(1000);
    expect(unitValue('129e6')).toBe(129_000_000);
    expect(unitValue('1E3')).toBe(1000);
    expect(unitValue('2E')).toBe(2e18);
    expect(unitValue('110')).toBe(110);
    expect(unitValue('bogus')).toBeNaN();
  });
});

describe('pod requests', () => {
  const c = (cpu: string, extra: Record<string, unknown> = {}) => ({ name: `c${cpu}`, image: 'x', resources: { requests: { cpu } }, ...extra });

  it('sums containers and takes the larger of that and the biggest init container', () => {
    expect(podRequests({ metadata: {}, spec: { containers: [c('100m'), c('200m')], initContainers: [c('250m')] } }).cpu).toBe(300);
    expect(podRequests({ metadata: {}, spec: { containers: [c('100m')], initContainers: [c('500m'), c('250m')] } }).cpu).toBe(500);
  });

  it('runs sidecars beside the app containers and the init containers after them', () => {
    const pod = { metadata: {}, spec: { containers: [c('100m')], initContainers: [c('50m', { restartPolicy: 'Always' }), c('400m')] } };
    // app 100 + sidecar 50 = 150; the init container runs beside the sidecar: 450.
    expect(podRequests(pod).cpu).toBe(450);
  });

  it('counts a limit without a request as the request, and adds overhead', () => {
    const pod = { metadata: {}, spec: { overhead: { cpu: '10m' }, containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '1', memory: '1Gi' } } }] } };
    expect(podRequests(pod)).toEqual({ cpu: 1010, memory: 2 ** 30 });
  });

  it('gives containers without requests the default non-zero amounts for scoring', () => {
    expect(podRequests({ metadata: {}, spec: { containers: [{ name: 'a', image: 'x' }] } }, true)).toEqual({ cpu: 100, memory: 200 * 2 ** 20 });
  });
});
