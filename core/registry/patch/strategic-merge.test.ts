import { describe, expect, it } from 'vitest';
import { StatusError } from '../../api/errors.js';
import type { KubeObject } from '../../api/types.js';
import { REJECTED_MESSAGE } from './patch-errors.js';
import { UNKNOWN_SCHEMA } from './schema-walker.js';
import { applyStrategicMergePatch } from './strategic-merge.js';
import { deploymentSchema, liveDeployment, nodeSchema } from './test-definitions.js';

type Obj = Record<string, any>;

const smp = (original: Obj, patch: unknown): Obj => applyStrategicMergePatch(original as KubeObject, patch, deploymentSchema());
const podSpec = (o: Obj) => o.spec.template.spec;

function failure(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StatusError) return err;
    throw err;
  }
  throw new Error('expected a StatusError');
}

describe('strategic merge patch: what kubectl sends', () => {
  it('kubectl apply: a container merged by name, order kept by $setElementOrder', () => {
    const live = liveDeployment();
    const out = smp(live, {
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'web' }, { name: 'sidecar' }], containers: [{ image: 'nginx:1.26', name: 'web' }] } } },
    });
    expect(podSpec(out).containers).toEqual([
      { name: 'web', image: 'nginx:1.26', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }] },
      { name: 'sidecar', image: 'busybox', args: ['sleep', '3600'] },
    ]);
    expect(live).toEqual(liveDeployment());
  });

  it('kubectl apply: the exact single-container patch from the contract', () => {
    const live = liveDeployment();
    podSpec(live).containers.pop();
    const out = smp(live, { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'web' }], containers: [{ image: 'nginx:1.26', name: 'web' }] } } } });
    expect(podSpec(out).containers).toEqual([{ name: 'web', image: 'nginx:1.26', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }] }]);
  });

  it('kubectl apply: fields removed from the manifest arrive as null and are deleted', () => {
    const out = smp(liveDeployment(), {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' }, labels: { app: null, tier: 'web' } },
      spec: { replicas: null, template: { spec: { '$setElementOrder/containers': [{ name: 'web' }, { name: 'sidecar' }], containers: [{ name: 'sidecar', args: null }] } } },
    });
    expect(out.metadata.labels).toEqual({ tier: 'web' });
    expect(out.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' });
    expect(out.spec.replicas).toBeUndefined();
    expect(podSpec(out).containers[1]).toEqual({ name: 'sidecar', image: 'busybox' });
  });

  it('kubectl apply: a container removed from the manifest is deleted with $patch: delete', () => {
    const out = smp(liveDeployment(), {
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'web' }], containers: [{ $patch: 'delete', name: 'sidecar' }] } } },
    });
    expect(podSpec(out).containers.map((c: Obj) => c.name)).toEqual(['web']);
  });

  it('kubectl set image keeps the other containers and their order', () => {
    const out = smp(liveDeployment(), {
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'web' }, { name: 'sidecar' }], containers: [{ image: 'busybox:1.36', name: 'sidecar' }] } } },
    });
    expect(podSpec(out).containers.map((c: Obj) => `${c.name}=${c.image}`)).toEqual(['web=nginx:1.25', 'sidecar=busybox:1.36']);
  });

  it('kubectl rollout restart adds a template annotation', () => {
    const out = smp(liveDeployment(), { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' } } } } });
    expect(out.spec.template.metadata).toEqual({ labels: { app: 'web' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' } });
  });

  it('kubectl cordon and uncordon', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { podCIDR: '10.0.0.0/24' } } as KubeObject;
    const cordoned = applyStrategicMergePatch(node, { spec: { unschedulable: true } }, nodeSchema());
    expect(cordoned.spec).toEqual({ podCIDR: '10.0.0.0/24', unschedulable: true });
    expect(applyStrategicMergePatch(cordoned, { spec: { unschedulable: null } }, nodeSchema()).spec).toEqual({ podCIDR: '10.0.0.0/24' });
  });

  it('kubectl edit: an env var added and one port changed, merged by their keys', () => {
    const out = smp(liveDeployment(), {
      spec: {
        replicas: 4,
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'web' }, { name: 'sidecar' }],
            containers: [{ '$setElementOrder/env': [{ name: 'A' }, { name: 'B' }], env: [{ name: 'B', value: '2' }], name: 'web', ports: [{ containerPort: 80, name: 'http' }] }],
          },
        },
      },
    });
    expect(out.spec.replicas).toBe(4);
    expect(podSpec(out).containers[0].env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
    expect(podSpec(out).containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP', name: 'http' }]);
  });

  it('replaces lists without a merge strategy', () => {
    const out = smp(liveDeployment(), { spec: { template: { spec: { containers: [{ name: 'sidecar', args: ['sleep', '1'] }] } } } });
    expect(podSpec(out).containers[1].args).toEqual(['sleep', '1']);
  });
});

describe('strategic merge patch: primitive lists and directives', () => {
  const withFinalizers = (...f: string[]) => ({ ...liveDeployment(), metadata: { ...liveDeployment().metadata, finalizers: f } });

  it('unions a merge-strategy list of scalars', () => {
    expect(smp(withFinalizers('a', 'b'), { metadata: { finalizers: ['b', 'c'] } }).metadata.finalizers).toEqual(['a', 'b', 'c']);
    // Without $setElementOrder, an item the server did not have comes first (upstream's ordering).
    expect(smp(withFinalizers('a', 'b'), { metadata: { finalizers: ['d'] } }).metadata.finalizers).toEqual(['d', 'a', 'b']);
    expect(smp(withFinalizers('a', 'b', 'c'), { metadata: { finalizers: ['c', 'a'] } }).metadata.finalizers).toEqual(['b', 'c', 'a']);
  });

  it('$deleteFromPrimitiveList removes values, with $setElementOrder keeping the rest in place', () => {
    const out = smp(withFinalizers('a', 'b', 'c'), { metadata: { '$setElementOrder/finalizers': ['a', 'c'], '$deleteFromPrimitiveList/finalizers': ['b'] } });
    expect(out.metadata.finalizers).toEqual(['a', 'c']);
    expect(smp(liveDeployment(), { metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] } }).metadata.finalizers).toBeUndefined();
  });

  it('$setElementOrder puts new items where it says', () => {
    const out = smp(withFinalizers('a', 'c'), { metadata: { '$setElementOrder/finalizers': ['a', 'b', 'c'], finalizers: ['b'] } });
    expect(out.metadata.finalizers).toEqual(['a', 'b', 'c']);
  });

  it('$patch: replace on a list item replaces the whole list', () => {
    const out = smp(liveDeployment(), { spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } } } });
    expect(podSpec(out).containers).toEqual([{ name: 'only', image: 'x' }]);
  });

  it('$patch: replace and delete on maps', () => {
    expect(smp(liveDeployment(), { metadata: { labels: { $patch: 'replace', fresh: 'yes' } } }).metadata.labels).toEqual({ fresh: 'yes' });
    expect(smp(liveDeployment(), { spec: { selector: { $patch: 'delete' } } }).spec.selector).toEqual({});
  });

  it('$retainKeys clears what it does not list', () => {
    const out = smp(liveDeployment(), { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
    const bad = failure(() => smp(liveDeployment(), { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: { maxSurge: 1 } } } }));
    expect(bad.status).toMatchObject({ code: 400, message: 'invalid patch format of retainKeys' });
  });

  it('drops directives and nulls from values that are new', () => {
    const out = smp(liveDeployment(), { spec: { template: { spec: { volumes: [{ name: 'v', emptyDir: { medium: null }, $retainKeys: ['name'] }] } } } });
    expect(podSpec(out).volumes).toEqual([{ name: 'v', emptyDir: {} }]);
  });

  it('merges like a JSON merge patch where the schema knows nothing', () => {
    const cr = { apiVersion: 'x/v1', kind: 'Thing', metadata: { name: 't' }, spec: { list: [{ name: 'a', v: 1 }], map: { a: 1, b: 2 } } } as KubeObject;
    const out = applyStrategicMergePatch(cr, { spec: { list: [{ name: 'b' }], map: { a: null, c: 3 } } }, UNKNOWN_SCHEMA);
    expect(out.spec).toEqual({ list: [{ name: 'b' }], map: { b: 2, c: 3 } });
  });
});

describe('strategic merge patch: errors as upstream returns them', () => {
  it('a list item without its merge key', () => {
    const err = failure(() => smp(liveDeployment(), { spec: { template: { spec: { containers: [{ image: 'x' }] } } } }));
    expect(err.status).toMatchObject({ code: 500, reason: '', message: 'map: map[image:x] does not contain declared merge key: name' });
  });

  it('a $setElementOrder that contradicts the patch list', () => {
    const err = failure(() =>
      smp(liveDeployment(), { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'web' }, { name: 'sidecar' }], containers: [{ name: 'sidecar' }, { name: 'web' }] } } } }),
    );
    expect(err.code).toBe(500);
    expect(err.message).toContain("doesn't match $setElementOrder list");
  });

  it('$patch: merge, lists of lists and malformed directives', () => {
    expect(failure(() => smp(liveDeployment(), { spec: { $patch: 'merge' } })).code).toBe(500);
    const lists = failure(() => smp({ ...liveDeployment(), metadata: { finalizers: [['a']] } }, { metadata: { finalizers: [['b']] } }));
    expect(lists.status).toMatchObject({ code: 422, message: REJECTED_MESSAGE });
    expect(failure(() => smp(liveDeployment(), { metadata: { '$setElementOrderfinalizers': ['a'] } })).status).toMatchObject({
      code: 400,
      message: 'invalid patch format of setElementOrder list',
    });
  });

  it('a body that is not an object, or one that reaches for a prototype', () => {
    expect(failure(() => smp(liveDeployment(), [1])).status).toMatchObject({ code: 400, message: 'json: cannot unmarshal array into Go value of type map[string]interface {}' });
    expect(failure(() => smp(liveDeployment(), JSON.parse('{"metadata":{"__proto__":{"polluted":1}}}'))).code).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
