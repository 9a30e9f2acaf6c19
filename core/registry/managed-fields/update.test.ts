import { describe, expect, it } from 'vitest';
import type { KubeObject, ManagedFieldsEntry } from '../../api/types.js';
import { deepFreeze } from '../../util/freeze.js';
import { cloneJson } from '../patch/index.js';
import { deploymentSchema, liveDeployment } from '../patch/test-definitions.js';
import { createFieldManager } from './field-manager.js';

const fm = createFieldManager({ schema: () => deploymentSchema() });
const T1 = '2026-01-01T00:00:00Z';
const T2 = '2026-01-02T00:00:00Z';

function create(manager = 'kubectl-create'): KubeObject {
  const obj = liveDeployment() as KubeObject;
  obj.metadata.managedFields = fm.update({ obj, manager, apiVersion: 'apps/v1', time: T1, schema: {} });
  return obj;
}

function write(old: KubeObject, change: (o: KubeObject) => void, manager: string, time = T2, subresource?: string): ManagedFieldsEntry[] {
  const obj = cloneJson(old);
  change(obj);
  return fm.update({ old, obj, manager, apiVersion: 'apps/v1', time, schema: {}, subresource });
}

const fieldsOf = (entries: ManagedFieldsEntry[], manager: string) => entries.find((e) => e.manager === manager)?.fieldsV1;

describe('field manager: update', () => {
  it('on create, the creator owns every field it set, in upstream’s encoding', () => {
    const [entry] = create().metadata.managedFields!;
    expect(entry).toMatchObject({ manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1', time: T1, fieldsType: 'FieldsV1' });
    expect(Object.keys(entry)).toEqual(['manager', 'operation', 'apiVersion', 'time', 'fieldsType', 'fieldsV1']);
    const spec = (entry.fieldsV1 as Record<string, any>)['f:spec'];
    // Non-pointer structs (spec, template) are never "added" themselves; maps, lists and items are.
    expect(entry.fieldsV1).toMatchObject({ 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } });
    expect((entry.fieldsV1 as Record<string, unknown>)['f:metadata']).not.toHaveProperty('f:name');
    expect(Object.keys(spec)).not.toContain('.');
    expect(spec['f:selector']).toEqual({});
    expect(spec['f:template']['f:spec']['f:containers']['k:{"name":"web"}']['f:ports']).toEqual({
      '.': {},
      'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} },
    });
    expect(Object.keys(spec['f:template']['f:spec']['f:containers'])).toEqual(['k:{"name":"sidecar"}', 'k:{"name":"web"}']);
  });

  it('moves changed fields to the writer and keeps the others’ entries and times', () => {
    const obj = deepFreeze(create());
    const entries = write(obj, (o) => (o.spec.replicas = 5), 'kubectl-scale');
    expect(entries.map((e) => [e.manager, e.time])).toEqual([
      ['kubectl-create', T1],
      ['kubectl-scale', T2],
    ]);
    expect(fieldsOf(entries, 'kubectl-scale')).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect(fieldsOf(entries, 'kubectl-create')).not.toHaveProperty(['f:spec', 'f:replicas']);
  });

  it('takes removed fields from everyone and drops entries left empty', () => {
    const obj = create();
    obj.metadata.managedFields = write(obj, (o) => (o.spec.replicas = 5), 'kubectl-scale');
    const entries = write(obj, (o) => delete o.spec.replicas, 'kubectl-edit');
    expect(entries.map((e) => e.manager)).toEqual(['kubectl-create']);
  });

  it('leaves managedFields untouched by a write that changes nothing', () => {
    const obj = create();
    expect(write(obj, () => {}, 'kubectl-replace')).toEqual(obj.metadata.managedFields);
    expect(write(obj, (o) => (o.metadata.resourceVersion = '99'), 'kubectl-replace')).toEqual(obj.metadata.managedFields);
  });

  it('merges repeated writes of one manager into one entry per apiVersion and subresource', () => {
    let obj = create();
    obj.metadata.managedFields = write(obj, (o) => (o.spec.replicas = 5), 'ctl');
    obj = { ...cloneJson(obj), spec: { ...obj.spec, replicas: 5 } };
    obj.metadata.managedFields = write(obj, (o) => (o.spec.paused = true), 'ctl', '2026-01-03T00:00:00Z');
    const mine = obj.metadata.managedFields.filter((e) => e.manager === 'ctl');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ time: '2026-01-03T00:00:00Z', fieldsV1: { 'f:spec': { 'f:paused': {}, 'f:replicas': {} } } });
    const status = write(obj, (o) => (o.status = { replicas: 5 }), 'ctl', T2, 'status');
    // Sorted by time: the status write (T2) is older than the last main write.
    expect(status.filter((e) => e.manager === 'ctl').map((e) => e.subresource ?? '')).toEqual(['status', '']);
  });

  it('takes client-sent managedFields as the new truth (apply --server-side migration)', () => {
    const obj = create();
    const rewritten: ManagedFieldsEntry[] = [
      { manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', time: T2, fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } },
    ];
    const entries = write(obj, (o) => (o.metadata.managedFields = rewritten), 'kubectl');
    expect(entries).toEqual(rewritten);
  });

  it('clears them on [{}] and keeps them on an empty or absent list', () => {
    const obj = create();
    expect(write(obj, (o) => (o.metadata.managedFields = [{}]), 'x')).toEqual([]);
    expect(write(obj, (o) => (o.metadata.managedFields = []), 'x')).toEqual(obj.metadata.managedFields);
    expect(write(obj, (o) => delete o.metadata.managedFields, 'x')).toEqual(obj.metadata.managedFields);
  });

  it('does not start tracking an existing object nobody tracks', () => {
    const obj = liveDeployment() as KubeObject;
    expect(write(obj, (o) => (o.spec.replicas = 9), 'ctl')).toEqual([]);
  });

  it('ignores managedFields a subresource write sends', () => {
    const obj = create();
    const entries = write(obj, (o) => (o.metadata.managedFields = [{}]), 'kubelet', T2, 'status');
    expect(entries).toEqual(obj.metadata.managedFields);
  });

  it('keeps reset fields out of ownership', () => {
    const obj = create();
    const entries = fm.update({ old: obj, obj: { ...cloneJson(obj), status: { replicas: 2 } }, manager: 'ctl', apiVersion: 'apps/v1', time: T2, schema: {}, resetFields: ['status'] });
    expect(entries).toEqual(obj.metadata.managedFields);
  });

  it('folds the oldest of more than ten updaters into ancient-changes', () => {
    let obj = create();
    for (let i = 0; i < 11; i++) {
      const time = `2026-02-${String(i + 1).padStart(2, '0')}T00:00:00Z`;
      obj = { ...obj, metadata: { ...obj.metadata, managedFields: write(obj, (o) => (o.metadata.labels![`l${i}`] = 'x'), `m${i}`, time) } };
      obj.metadata.labels = { ...obj.metadata.labels, [`l${i}`]: 'x' };
    }
    const managers = obj.metadata.managedFields!.map((e) => e.manager);
    expect(managers).toHaveLength(10);
    expect(managers[0]).toBe('ancient-changes');
    expect(managers).not.toContain('kubectl-create');
  });
});
