import { describe, expect, it } from 'vitest';
import { StatusError } from '../../../api/errors.js';
import type { KubeObject } from '../../../api/types.js';
import { ServiceAllocators, strategyBehaviors } from './index.js';
import { NOW } from './test-harness.js';
import { SYSTEM_USER, type RequestContext } from '../../context.js';

// The pipeline checks types against the schema only after defaulting, so every hook must cope
// with any JSON a client sends and answer with a Status, never a TypeError.

const ctx = (): RequestContext => ({ user: SYSTEM_USER, dryRun: true, fieldValidation: 'Strict', warnings: [], clock: { now: () => NOW, setTimeout: () => ({ cancel() {} }) } });

const garbage: unknown[] = ['x', 7, true, [], [1, 'a'], {}, { a: 'b' }, null];

function shapes(): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const g of garbage) {
    out.push({ spec: g }, { spec: { template: g } }, { spec: { template: { spec: g } } }, { spec: { template: { spec: { containers: g } } } });
    out.push({ spec: { template: { spec: { containers: [g] } } } }, { spec: { containers: g } }, { spec: { containers: [g], volumes: [g] } });
    out.push({ spec: { containers: [{ name: 'c', image: 'x', ports: g, env: g, resources: g, livenessProbe: g, volumeMounts: [g] }] } });
    out.push({ spec: { strategy: g, updateStrategy: g, selector: g, ports: g, rules: g, jobTemplate: g, names: g, versions: g } });
    out.push({ spec: { ports: [g], selector: { matchExpressions: g }, jobTemplate: { spec: g }, behavior: g, metrics: [g] } });
    out.push({ data: g, stringData: g, binaryData: g, rules: g, subjects: [g], roleRef: g, subsets: [g], endpoints: [g], involvedObject: g });
  }
  return out;
}

describe('strategies on malformed input', () => {
  it('answer with Status errors, never a crash', async () => {
    const table = strategyBehaviors({ services: new ServiceAllocators() });
    const failures: string[] = [];
    for (const [key, behavior] of Object.entries(table)) {
      const s = behavior.strategy;
      if (!s) continue;
      for (const shape of shapes()) {
        const obj = { apiVersion: 'v1', kind: key.split('/')[1], metadata: { name: 'x', namespace: 'default', uid: 'u' }, ...structuredClone(shape) } as KubeObject;
        const old = { apiVersion: 'v1', kind: key.split('/')[1], metadata: { name: 'x', namespace: 'default', uid: 'u' }, spec: {} } as KubeObject;
        for (const step of [
          () => s.defaults?.(obj, ctx()),
          () => s.prepareForCreate?.(obj, ctx()),
          () => s.validate?.(obj, ctx()),
          () => s.validateUpdate?.(obj, old, ctx()),
          () => s.prepareForUpdate?.(obj, old, ctx()),
          () => s.warnings?.(obj, old),
          () => s.admit?.(obj, undefined, ctx()),
        ]) {
          try {
            await step();
          } catch (err) {
            if (!(err instanceof StatusError)) failures.push(`${key} ${JSON.stringify(shape)}: ${(err as Error).message}`);
            break;
          }
        }
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
  });
});
