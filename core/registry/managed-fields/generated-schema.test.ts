import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { resolveSchema, strategicMergePatch } from '../patch/index.js';
import { createFieldManager } from './field-manager.js';

// The one test that walks the real generated definitions. They are produced by
// `npm run prepare`; a checkout that has not run it skips this, CI must not.
const generated = existsSync(new URL('../../api/generated/definitions.json', import.meta.url));
const DEPLOYMENT = { definition: 'io.k8s.api.apps.v1.Deployment' };

it('has the generated definitions in CI', () => {
  expect(generated || process.env.CI !== 'true').toBe(true);
});

describe.skipIf(!generated)('patching and apply over the generated definitions (skipped: run `npm run prepare` to generate them)', () => {
  const fm = createFieldManager();
  const deployment = (): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', finalizers: ['a'] },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] }] },
      },
    },
  });

  it('reads Deployment list semantics from the definitions', () => {
    const containers = resolveSchema(DEPLOYMENT).child('spec')?.child('template')?.child('spec')?.child('containers');
    expect(containers).toMatchObject({ kind: 'array', listType: 'map', mergeKey: 'name', patchStrategy: 'merge' });
    expect(resolveSchema(DEPLOYMENT).child('metadata')?.child('finalizers')).toMatchObject({ listType: 'set', patchStrategy: 'merge' });
  });

  it('strategic merge: kubectl apply, finalizer union, cordon-style null', () => {
    const out = strategicMergePatch(
      deployment(),
      {
        metadata: { finalizers: ['b'] },
        spec: { replicas: null, template: { spec: { '$setElementOrder/containers': [{ name: 'web' }], containers: [{ image: 'nginx:1.26', name: 'web' }] } } },
      },
      DEPLOYMENT,
    );
    expect(out.metadata.finalizers).toEqual(['b', 'a']);
    expect(out.spec.replicas).toBeUndefined();
    expect(out.spec.template.spec.containers).toEqual([{ name: 'web', image: 'nginx:1.26', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] }]);
  });

  it('server-side apply keys ports by containerPort and the defaulted protocol', () => {
    const created = fm.apply({ applied: deployment(), manager: 'kubectl', force: false, apiVersion: 'apps/v1', time: '2026-01-01T00:00:00Z', schema: DEPLOYMENT });
    const fields = created.metadata.managedFields![0].fieldsV1 as Record<string, any>;
    const web = fields['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"web"}'];
    expect(Object.keys(web['f:ports'])).toEqual(['k:{"containerPort":80,"protocol":"TCP"}']);
    expect(fields['f:metadata']['f:finalizers']).toEqual({ 'v:"a"': {} });
    const stored = { ...created, spec: { ...created.spec, template: { ...created.spec.template } } };
    stored.spec.template.spec.containers[0].ports[0].protocol = 'TCP';
    expect(fm.apply({ live: stored, applied: deployment(), manager: 'kubectl', force: false, apiVersion: 'apps/v1', time: '2026-01-02T00:00:00Z', schema: DEPLOYMENT }).spec.template.spec.containers[0].ports).toEqual([
      { containerPort: 80, protocol: 'TCP' },
    ]);
  });

  it('a custom resource gets ObjectMeta’s semantics under its own schema', () => {
    const structural = { type: 'object', properties: { spec: { type: 'object', properties: { items: { type: 'array', items: { type: 'string' } } } } } };
    const node = resolveSchema({ structural });
    expect(node.child('metadata')?.child('finalizers')).toMatchObject({ listType: 'set' });
    expect(node.child('spec')?.child('items')).toMatchObject({ kind: 'array' });
  });
});
