import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.js';
import { printerBehaviors } from './index.js';

const NOW = Date.parse('2025-09-01T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString().replace('.000Z', 'Z');
const pods = printerBehaviors['/Pod'];
const row = (pod: KubeObject) => pods.table!.row(pod, NOW);
const select = (field: string, pod: KubeObject) => pods.fieldSelectors![field](pod);

function pod(name: string, spec: object, status: object, meta: object = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', creationTimestamp: ago(3 * 3600 + 12 * 60), ...meta }, spec, status };
}

const running = { running: { startedAt: ago(40) } };
const readyConditions = [
  { type: 'Initialized', status: 'True' },
  { type: 'Ready', status: 'True' },
  { type: 'ContainersReady', status: 'True' },
  { type: 'PodScheduled', status: 'True' },
];

describe('pod table', () => {
  it('has the nine upstream columns, the last four wide', () => {
    expect(pods.table!.columns.map((c) => [c.name, c.type, c.format ?? '', c.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Ready', 'string', '', 0],
      ['Status', 'string', '', 0],
      ['Restarts', 'string', '', 0],
      ['Age', 'string', '', 0],
      ['IP', 'string', '', 1],
      ['Node', 'string', '', 1],
      ['Nominated Node', 'string', '', 1],
      ['Readiness Gates', 'string', '', 1],
    ]);
  });

  it('prints a running pod whose container restarted 45 seconds ago', () => {
    const p = pod(
      'web-7d9f8-abcde',
      { nodeName: 'skiff', containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
      {
        phase: 'Running',
        podIP: '10.244.0.12',
        podIPs: [{ ip: '10.244.0.12' }],
        conditions: readyConditions,
        containerStatuses: [
          { name: 'nginx', ready: true, started: true, restartCount: 3, state: running, lastState: { terminated: { exitCode: 137, reason: 'Error', finishedAt: ago(45) } } },
        ],
      },
    );
    expect(row(p)).toEqual(['web-7d9f8-abcde', '1/1', 'Running', '3 (45s ago)', '3h12m', '10.244.0.12', 'skiff', '<none>', '<none>']);
  });

  it('prints CrashLoopBackOff with the time of the last crash', () => {
    const p = pod(
      'crasher',
      { nodeName: 'skiff', containers: [{ name: 'app', image: 'busybox' }] },
      {
        phase: 'Running',
        podIP: '10.244.0.13',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 5,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(5 * 60 + 30) } },
          },
        ],
      },
    );
    expect(row(p).slice(1, 4)).toEqual(['0/1', 'CrashLoopBackOff', '5 (5m30s ago)']);
  });

  it('walks init containers: progress, failures and back-off', () => {
    const spec = { initContainers: [{ name: 'migrate' }, { name: 'seed' }], containers: [{ name: 'app' }] };
    const done = { name: 'migrate', ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } };
    const waitingApp = [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }];
    const progress = pod('init', spec, {
      phase: 'Pending',
      conditions: [{ type: 'Initialized', status: 'False' }],
      initContainerStatuses: [done, { name: 'seed', ready: false, restartCount: 0, state: running }],
      containerStatuses: waitingApp,
    });
    expect(row(progress).slice(1, 4)).toEqual(['0/1', 'Init:1/2', '0']);

    const backoff = pod('init', spec, {
      phase: 'Pending',
      initContainerStatuses: [
        { name: 'migrate', restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 2, finishedAt: ago(20) } } },
        { name: 'seed', restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } },
      ],
      containerStatuses: waitingApp,
    });
    expect(row(backoff).slice(1, 4)).toEqual(['0/1', 'Init:CrashLoopBackOff', '4 (20s ago)']);

    const failed = pod('init', spec, { phase: 'Failed', initContainerStatuses: [{ name: 'migrate', state: { terminated: { exitCode: 3, reason: 'Error' } } }] });
    expect(row(failed)[2]).toBe('Init:Error');
    const signalled = pod('init', spec, { phase: 'Pending', initContainerStatuses: [{ name: 'migrate', state: { terminated: { exitCode: 137, signal: 9 } } }] });
    expect(row(signalled)[2]).toBe('Init:Signal:9');
  });

  it('shows PodInitializing and ContainerCreating from the waiting reason', () => {
    const initialized = pod(
      'starting',
      { initContainers: [{ name: 'setup' }], containers: [{ name: 'app' }] },
      {
        phase: 'Pending',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [{ name: 'setup', state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
        containerStatuses: [{ name: 'app', state: { waiting: { reason: 'PodInitializing' } } }],
      },
    );
    expect(row(initialized)[2]).toBe('PodInitializing');
    const creating = pod('creating', { nodeName: 'skiff', containers: [{ name: 'app' }] }, { phase: 'Pending', containerStatuses: [{ name: 'app', state: { waiting: { reason: 'ContainerCreating' } } }] });
    expect(row(creating).slice(1, 7)).toEqual(['0/1', 'ContainerCreating', '0', '3h12m', '<none>', 'skiff']);
  });

  it('prints Terminating for a pod being deleted, Unknown when its node is lost', () => {
    const spec = { nodeName: 'skiff', containers: [{ name: 'app' }] };
    const status = { phase: 'Running', podIP: '10.244.0.9', conditions: readyConditions, containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running }] };
    expect(row(pod('going', spec, status, { deletionTimestamp: ago(-30) })).slice(1, 4)).toEqual(['1/1', 'Terminating', '0']);
    expect(row(pod('lost', spec, { ...status, reason: 'NodeLost' }, { deletionTimestamp: ago(-30) }))[2]).toBe('Unknown');
    // A finished pod being deleted keeps its final status.
    const done = { phase: 'Succeeded', containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] };
    expect(row(pod('done', spec, done, { deletionTimestamp: ago(-30) }))[2]).toBe('Completed');
  });

  it('prints Completed, Error, OOMKilled and Evicted', () => {
    const spec = { containers: [{ name: 'app' }] };
    const term = (t: object) => ({ containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { terminated: t } }] });
    expect(row(pod('ok', spec, { phase: 'Succeeded', ...term({ exitCode: 0, reason: 'Completed' }) })).slice(1, 4)).toEqual(['0/1', 'Completed', '0']);
    expect(row(pod('bad', spec, { phase: 'Failed', ...term({ exitCode: 1, reason: 'Error' }) }))[2]).toBe('Error');
    expect(row(pod('oom', spec, { phase: 'Running', ...term({ exitCode: 137, reason: 'OOMKilled' }) }))[2]).toBe('OOMKilled');
    expect(row(pod('sig', spec, { phase: 'Failed', ...term({ exitCode: 143, signal: 15 }) }))[2]).toBe('Signal:15');
    expect(row(pod('code', spec, { phase: 'Failed', ...term({ exitCode: 2 }) }))[2]).toBe('ExitCode:2');
    expect(row(pod('evicted', spec, { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' }))[2]).toBe('Evicted');
  });

  it('turns Completed into NotReady or Running while another container still runs', () => {
    const spec = { containers: [{ name: 'job' }, { name: 'proxy' }] };
    const statuses = [
      { name: 'job', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
      { name: 'proxy', ready: true, restartCount: 0, state: running },
    ];
    expect(row(pod('half', spec, { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: statuses })).slice(1, 3)).toEqual(['1/2', 'NotReady']);
    expect(row(pod('half', spec, { phase: 'Running', conditions: readyConditions, containerStatuses: statuses }))[2]).toBe('Running');
    // The first container's Completed gives way to another container's failure.
    const withFailure = [statuses[0], { name: 'proxy', ready: false, restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error' } } }];
    expect(row(pod('half', spec, { phase: 'Failed', containerStatuses: withFailure })).slice(1, 3)).toEqual(['0/2', 'Error']);
  });

  it('shows SchedulingGated and a plain Pending pod', () => {
    const spec = { schedulingGates: [{ name: 'example.com/quota' }], containers: [{ name: 'app' }] };
    const gated = pod('gated', spec, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] });
    expect(row(gated)).toEqual(['gated', '0/1', 'SchedulingGated', '0', '3h12m', '<none>', '<none>', '<none>', '<none>']);
    const pending = pod('pending', { containers: [{ name: 'app' }] }, { phase: 'Pending', nominatedNodeName: 'skiff', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] });
    expect(row(pending).slice(2, 9)).toEqual(['Pending', '0', '3h12m', '<none>', '<none>', 'skiff', '<none>']);
  });

  it('counts sidecars as containers and their restarts once the pod is initialized', () => {
    const p = pod(
      'sidecar',
      { initContainers: [{ name: 'log-shipper', restartPolicy: 'Always' }], containers: [{ name: 'app' }] },
      {
        phase: 'Running',
        conditions: readyConditions,
        initContainerStatuses: [{ name: 'log-shipper', ready: true, started: true, restartCount: 2, state: running, lastState: { terminated: { exitCode: 1, finishedAt: ago(600) } } }],
        containerStatuses: [{ name: 'app', ready: true, restartCount: 1, state: running, lastState: { terminated: { exitCode: 1, finishedAt: ago(90) } } }],
      },
    );
    expect(row(p).slice(1, 4)).toEqual(['2/2', 'Running', '3 (90s ago)']);
  });

  it('prints readiness gates as met/total', () => {
    const p = pod(
      'gates',
      { readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }], containers: [{ name: 'app' }] },
      { phase: 'Running', podIPs: [{ ip: 'fd00::5' }], conditions: [{ type: 'example.com/lb', status: 'True' }, { type: 'example.com/dns', status: 'False' }] },
    );
    expect(row(p).slice(5)).toEqual(['fd00::5', '<none>', '<none>', '1/2']);
  });
});

describe('pod field selectors', () => {
  const p = pod(
    'web',
    { nodeName: 'skiff', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default', containers: [] },
    { phase: 'Running', podIP: '10.244.0.12', podIPs: [{ ip: '10.244.0.12' }], nominatedNodeName: '' },
  );

  it('reads the upstream labels', () => {
    expect(select('spec.nodeName', p)).toBe('skiff');
    expect(select('spec.host', p)).toBe('skiff');
    expect(select('spec.restartPolicy', p)).toBe('Always');
    expect(select('spec.schedulerName', p)).toBe('default-scheduler');
    expect(select('spec.serviceAccountName', p)).toBe('default');
    expect(select('spec.hostNetwork', p)).toBe('false');
    expect(select('spec.hostNetwork', { ...p, spec: { hostNetwork: true } })).toBe('true');
    expect(select('status.phase', p)).toBe('Running');
    expect(select('status.podIP', p)).toBe('10.244.0.12');
    expect(select('status.podIPs', p)).toBeUndefined();
    expect(select('status.nominatedNodeName', p)).toBe('');
  });
});
