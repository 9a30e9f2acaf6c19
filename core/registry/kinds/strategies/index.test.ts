import { describe, expect, it } from 'vitest';
import { builtinDescriptors } from '../index.js';
import { mergeBehaviorTables, ServiceAllocators, strategyBehaviors } from './index.js';
import { harness } from './test-harness.js';

describe('strategyBehaviors', () => {
  it('merges per kind with the printers and composition-root extras', () => {
    const extras = { 'apiextensions.k8s.io/CustomResourceDefinition': { beforeDelete: () => false } };
    const table = mergeBehaviorTables(strategyBehaviors({ services: new ServiceAllocators() }), extras);
    const byKey = new Map(builtinDescriptors(table).map((d) => [`${d.group}/${d.kind}`, d]));
    const crd = byKey.get('apiextensions.k8s.io/CustomResourceDefinition')!;
    expect(crd.strategy?.validate).toBeTypeOf('function');
    expect(crd.beforeDelete).toBeTypeOf('function');
    const pod = byKey.get('/Pod')!;
    expect(pod.table).toBeDefined();
    expect(pod.gracefulDeletion).toBeTypeOf('function');
    expect(byKey.get('apps/StatefulSet')!.nameRule).toBe('label');
  });

  it('drops the null creationTimestamp older kubectl puts in templates', async () => {
    const out = await harness().create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default', creationTimestamp: null },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        strategy: {},
        template: { metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } },
      },
      status: {},
    });
    expect(out.spec.template.metadata).toEqual({ labels: { app: 'web' } });
    expect(out.spec.strategy.type).toBe('RollingUpdate');
  });
});
