import { describe, expect, it } from 'vitest';
import { printerBehaviors } from './index.js';

const NOW = Date.parse('2025-09-01T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString().replace('.000Z', 'Z');
const core = printerBehaviors['/Event'];
const v1 = printerBehaviors['events.k8s.io/Event'];

const coreEvent = {
  metadata: { name: 'web.17f3a', namespace: 'default', creationTimestamp: ago(300) },
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u-1', apiVersion: 'v1', resourceVersion: '812', fieldPath: 'spec.containers{nginx}' },
  reason: 'BackOff',
  message: 'Back-off restarting failed container nginx in pod web_default(u-1)\n',
  source: { component: 'kubelet', host: 'skiff' },
  firstTimestamp: ago(300),
  lastTimestamp: ago(12),
  count: 14,
  type: 'Warning',
};

describe('event tables', () => {
  it('has the upstream columns with the wide ones marked', () => {
    expect(core.table!.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Last Seen:0',
      'Type:0',
      'Reason:0',
      'Object:0',
      'Subobject:1',
      'Source:1',
      'Message:0',
      'First Seen:1',
      'Count:1',
      'Name:1',
    ]);
    expect(core.table!.columns[9].format).toBe('name');
  });

  it('prints a repeated core event', () => {
    expect(core.table!.row(coreEvent, NOW)).toEqual([
      '12s',
      'Warning',
      'BackOff',
      'pod/web',
      'spec.containers{nginx}',
      'kubelet, skiff',
      'Back-off restarting failed container nginx in pod web_default(u-1)',
      '5m',
      14,
      'web.17f3a',
    ]);
  });

  it('prints a new-style event through either API group', () => {
    const series = { count: 3, lastObservedTime: '2025-09-01T11:59:30.123456Z' };
    const created = {
      metadata: { name: 'web.17f3b', namespace: 'default' },
      eventTime: '2025-09-01T11:58:00.000000Z',
      reportingController: 'default-scheduler',
      reportingInstance: 'default-scheduler-skiff',
      reason: 'Scheduled',
      type: 'Normal',
      action: 'Binding',
    };
    const asV1 = { ...created, regarding: { kind: 'Pod', name: 'web' }, note: 'Successfully assigned default/web to skiff' };
    expect(v1.table!.row(asV1, NOW)).toEqual(['2m', 'Normal', 'Scheduled', 'pod/web', '', 'default-scheduler, default-scheduler-skiff', 'Successfully assigned default/web to skiff', '2m', 1, 'web.17f3b']);
    const asCore = { ...created, reportingComponent: 'default-scheduler', involvedObject: { kind: 'Pod', name: 'web' }, message: 'Successfully assigned default/web to skiff', series };
    expect(core.table!.row(asCore, NOW).slice(0, 9)).toEqual(['29s', 'Normal', 'Scheduled', 'pod/web', '', 'default-scheduler, default-scheduler-skiff', 'Successfully assigned default/web to skiff', '2m', 3]);
    expect(core.table!.row({ metadata: { name: 'x' }, involvedObject: { kind: 'Node' } }, NOW).slice(0, 4)).toEqual(['<unknown>', '', '', 'node']);
  });

  it('selects on the involved object, reason, type, source and reporting component', () => {
    const f = core.fieldSelectors!;
    expect(f['involvedObject.kind'](coreEvent)).toBe('Pod');
    expect(f['involvedObject.uid'](coreEvent)).toBe('u-1');
    expect(f['involvedObject.fieldPath'](coreEvent)).toBe('spec.containers{nginx}');
    expect(f['involvedObject.resourceVersion'](coreEvent)).toBe('812');
    expect(f.reason(coreEvent)).toBe('BackOff');
    expect(f.type(coreEvent)).toBe('Warning');
    expect(f.source(coreEvent)).toBe('kubelet');
    expect(f.source({ metadata: {}, reportingComponent: 'kubelet' })).toBe('kubelet');
    expect(f.reportingComponent({ metadata: {}, reportingComponent: 'kubelet' })).toBe('kubelet');
    const g = v1.fieldSelectors!;
    expect(Object.keys(g).sort()).toEqual([
      'reason',
      'regarding.apiVersion',
      'regarding.fieldPath',
      'regarding.kind',
      'regarding.name',
      'regarding.namespace',
      'regarding.resourceVersion',
      'regarding.uid',
      'reportingController',
      'source',
      'type',
    ]);
    expect(g['regarding.name']({ metadata: {}, regarding: { name: 'web' } })).toBe('web');
  });
});
