import { describe, expect, it } from 'vitest';
import { StatusError } from '../../api/errors.js';
import type { KubeObject, ManagedFieldsEntry } from '../../api/types.js';
import { deepFreeze } from '../../util/freeze.js';
import { cloneJson } from '../patch/index.js';
import { deploymentSchema } from '../patch/test-definitions.js';
import { createFieldManager } from './field-manager.js';

const fm = createFieldManager({ schema: () => deploymentSchema() });
const T1 = '2026-01-01T00:00:00Z';
const T2 = '2026-01-02T00:00:00Z';
const T3 = '2026-01-03T00:00:00Z';

function manifest(replicas = 2, image = 'nginx:1.25'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 80 }] }] } },
    },
  };
}

const apply = (live: KubeObject | undefined, applied: KubeObject, manager = 'kubectl', opts: { force?: boolean; time?: string } = {}) =>
  fm.apply({ live, applied: cloneJson(applied), manager, force: !!opts.force, apiVersion: 'apps/v1', time: opts.time ?? T2, schema: {} });

/** The object as a client-side `kubectl apply` (an Update by kubectl-client-side-apply) leaves it. */
function createdBy(manager: string, obj = manifest()): KubeObject {
  const stored = cloneJson(obj);
  stored.metadata = { ...stored.metadata, uid: 'u1', resourceVersion: '1' };
  stored.metadata.managedFields = fm.update({ obj: stored, manager, apiVersion: 'apps/v1', time: T1, schema: {} });
  return stored;
}

function conflictOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StatusError) return err;
    throw err;
  }
  throw new Error('expected a conflict');
}

const entry = (obj: KubeObject, manager: string) => obj.metadata.managedFields!.find((e: ManagedFieldsEntry) => e.manager === manager);

describe('server-side apply', () => {
  it('creates: the object is the configuration and the applier owns what it applied', () => {
    const out = apply(undefined, manifest());
    const { managedFields, ...metadata } = out.metadata;
    expect({ ...out, metadata }).toEqual(manifest());
    expect(managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: T2,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:name': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it('re-applying the same configuration changes nothing, time included', () => {
    const first = apply(undefined, manifest());
    expect(apply(first, manifest(), 'kubectl', { time: T3 })).toEqual(first);
  });

  it('matches a port applied without protocol to the stored TCP one', () => {
    const live = createdBy('kubectl-create', manifest());
    live.spec.template.spec.containers[0].ports[0].protocol = 'TCP';
    const out = apply(live, manifest(), 'kubectl', { force: true });
    expect(out.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  });

  it('refuses to change a field an updater owns, naming it the way upstream does', () => {
    const live = createdBy('kubectl-client-side-apply');
    const err = conflictOf(() => apply(live, manifest(3)));
    expect(err.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
      reason: 'Conflict',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }] },
      code: 409,
    });
  });

  it('lists several conflicts per manager, appliers named without a version', () => {
    const live = apply(createdBy('kubectl-client-side-apply'), manifest(), 'helm');
    const err = conflictOf(() => apply(live, manifest(3, 'nginx:1.26')));
    expect(err.message).toBe(
      'Apply failed with 4 conflicts: conflicts with "helm":\n' +
        '- .spec.replicas\n' +
        '- .spec.template.spec.containers[name="web"].image\n' +
        'conflicts with "kubectl-client-side-apply" using apps/v1:\n' +
        '- .spec.replicas\n' +
        '- .spec.template.spec.containers[name="web"].image',
    );
    expect(err.status.details!.causes).toHaveLength(4);
    expect(err.status.details!.causes![0]).toEqual({ reason: 'FieldManagerConflict', message: 'conflict with "helm"', field: '.spec.replicas' });
  });

  it('with force takes the fields over', () => {
    const out = apply(createdBy('kubectl-client-side-apply'), manifest(3), 'kubectl', { force: true });
    expect(out.spec.replicas).toBe(3);
    expect(entry(out, 'kubectl')!.fieldsV1).toHaveProperty(['f:spec', 'f:replicas']);
    expect(entry(out, 'kubectl-client-side-apply')!.fieldsV1).not.toHaveProperty(['f:spec', 'f:replicas']);
    expect(out.metadata.managedFields!.map((e) => e.operation)).toEqual(['Apply', 'Update']);
  });

  it('shares a field whose applied value is what is already there', () => {
    const out = apply(createdBy('kubectl-client-side-apply'), manifest());
    expect(entry(out, 'kubectl')!.fieldsV1).toHaveProperty(['f:spec', 'f:replicas']);
    expect(entry(out, 'kubectl-client-side-apply')!.fieldsV1).toHaveProperty(['f:spec', 'f:replicas']);
  });

  it('removes what the applier stops applying', () => {
    const withTier = manifest();
    withTier.metadata.labels!.tier = 'front';
    withTier.spec.template.spec.containers.push({ name: 'sidecar', image: 'busybox' });
    const first = apply(undefined, withTier);
    const out = apply(first, manifest());
    expect(out.metadata.labels).toEqual({ app: 'web' });
    expect(out.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['web']);
  });

  it('never changes the objects it is given (the store hands out frozen ones)', () => {
    const withTier = manifest();
    withTier.metadata.labels!.tier = 'front';
    const applied = apply(undefined, withTier);
    // Another writer takes over one label, so the applier's labels map survives and is pruned key by key.
    const edited = cloneJson(applied);
    edited.metadata.labels!.app = 'web2';
    edited.metadata.managedFields = fm.update({ old: applied, obj: edited, manager: 'ctl', apiVersion: 'apps/v1', time: T2, schema: {} });
    const live = deepFreeze(edited);
    const config = manifest(2, 'nginx:1.26');
    delete config.metadata.labels;
    const out = fm.apply({ live, applied: deepFreeze(config), manager: 'kubectl', force: false, apiVersion: 'apps/v1', time: T3, schema: {} });
    expect(out.metadata.labels).toEqual({ app: 'web2' });
    expect(live.metadata.labels).toEqual({ app: 'web2', tier: 'front' });
  });

  it('keeps a dropped field another applier also applied, dropping only the ownership', () => {
    const withTier = manifest();
    withTier.metadata.labels!.tier = 'front';
    const both = apply(apply(undefined, withTier, 'a'), withTier, 'b');
    const out = apply(both, manifest(), 'a');
    expect(out.metadata.labels).toEqual({ app: 'web', tier: 'front' });
    expect(entry(out, 'a')!.fieldsV1).not.toHaveProperty(['f:metadata', 'f:labels', 'f:tier']);
    expect(entry(out, 'b')!.fieldsV1).toHaveProperty(['f:metadata', 'f:labels', 'f:tier']);
  });

  it('keeps live list items the configuration does not name, in place', () => {
    const live = createdBy('kubectl-create');
    live.spec.template.spec.containers.unshift({ name: 'first', image: 'x' });
    const config = manifest();
    config.spec.template.spec.containers.push({ name: 'extra', image: 'y' });
    const out = apply(live, config, 'kubectl', { force: true });
    expect(out.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['first', 'web', 'extra']);
  });

  it('turns an applied null into an absent field the applier owns', () => {
    const config = manifest();
    config.spec.replicas = null;
    const out = apply(createdBy('kubectl-create'), config, 'kubectl', { force: true });
    expect(out.spec).not.toHaveProperty('replicas');
    expect(entry(out, 'kubectl')!.fieldsV1).toHaveProperty(['f:spec', 'f:replicas']);
  });

  it('migrates from client-side apply the way kubectl does it', () => {
    const annotated = manifest();
    annotated.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
    const csa = createdBy('kubectl-client-side-apply', annotated);
    // 1. apply of unchanged values: no conflict, ownership shared.
    const step1 = apply(csa, manifest());
    expect(entry(step1, 'kubectl-client-side-apply')).toBeDefined();
    // 3. kubectl rewrites managedFields with a JSON patch: the sent list replaces the stored one.
    const rewritten = step1.metadata.managedFields!.filter((e) => e.manager === 'kubectl');
    const step3 = fm.update({ old: step1, obj: { ...cloneJson(step1), metadata: { ...cloneJson(step1.metadata), managedFields: rewritten } }, manager: 'kubectl', apiVersion: 'apps/v1', time: T3, schema: {} });
    expect(step3).toEqual(rewritten);
    // 4. re-apply with a change no longer conflicts.
    const out = apply({ ...step1, metadata: { ...step1.metadata, managedFields: step3 } }, manifest(5), 'kubectl', { time: T3 });
    expect(out.spec.replicas).toBe(5);
  });

  it('lets kubectl take over what its client-side annotation recorded, and rewrites the annotation', () => {
    const annotated = manifest();
    annotated.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(manifest()) };
    const csa = createdBy('kubectl-client-side-apply', annotated);
    const out = apply(csa, manifest(3));
    expect(out.spec.replicas).toBe(3);
    expect(entry(out, 'kubectl-client-side-apply')!.fieldsV1).not.toHaveProperty(['f:spec', 'f:replicas']);
    const recorded = out.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration'];
    expect(recorded.endsWith('}\n')).toBe(true);
    expect(JSON.parse(recorded)).toEqual(manifest(3));
    // Another manager name gets no such allowance.
    expect(conflictOf(() => apply(csa, manifest(3), 'helm')).code).toBe(409);
  });

  it('still conflicts on fields the annotation no longer describes', () => {
    const annotated = manifest();
    annotated.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(manifest(1)) };
    const err = conflictOf(() => apply(createdBy('kubectl-client-side-apply', annotated), manifest(3)));
    expect(err.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
  });

  it('gives an untracked object’s fields to "before-first-apply"', () => {
    const untracked = manifest();
    untracked.metadata = { ...untracked.metadata, uid: 'u1' };
    expect(conflictOf(() => apply(untracked, manifest(5))).message).toBe(
      'Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas',
    );
    const out = apply(untracked, manifest());
    expect(out.metadata.managedFields!.map((e) => e.manager)).toEqual(['kubectl', 'before-first-apply']);
  });

  it('leaves reset fields unowned', () => {
    const config = { ...manifest(), status: { replicas: 9 } };
    const out = fm.apply({ applied: config, manager: 'kubectl', force: false, apiVersion: 'apps/v1', time: T2, schema: {}, resetFields: ['status'] });
    expect(entry(out, 'kubectl')!.fieldsV1).not.toHaveProperty('f:status');
  });

  it('rejects configurations upstream rejects', () => {
    const wrongVersion = { ...manifest(), apiVersion: 'apps/v1beta1' };
    expect(conflictOf(() => apply(undefined, wrongVersion)).status).toMatchObject({ code: 400, message: 'invalid object type: apps/v1beta1, Kind=Deployment' });
    const withFields = manifest();
    withFields.metadata.managedFields = [];
    expect(conflictOf(() => apply(undefined, withFields)).status).toMatchObject({ code: 400, message: 'metadata.managedFields must be nil' });
    const duplicated = manifest();
    duplicated.spec.template.spec.containers.push({ name: 'web', image: 'again' });
    expect(conflictOf(() => apply(undefined, duplicated)).status).toMatchObject({
      code: 500,
      message: 'failed to create typed patch object (apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name="web"]',
    });
  });
});
