import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.js';
import { printerBehaviors } from './index.js';

const NOW = Date.parse('2025-09-01T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString().replace('.000Z', 'Z');
const jobs = printerBehaviors['batch/Job'];
const jobRow = (job: KubeObject) => jobs.table!.row(job, NOW);

const template = { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } };
const selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': '3f2a' } };

function job(spec: object, status: object, meta: object = {}): KubeObject {
  return { metadata: { name: 'pi', namespace: 'default', creationTimestamp: ago(2 * 60), ...meta }, spec: { selector, template, ...spec }, status };
}

describe('job table', () => {
  it('has the 1.34 columns with a Status column', () => {
    expect(jobs.table!.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Status:0',
      'Completions:0',
      'Duration:0',
      'Age:0',
      'Containers:1',
      'Images:1',
      'Selector:1',
    ]);
  });

  it('prints a completed job', () => {
    const j = job(
      { completions: 1, parallelism: 1 },
      { succeeded: 1, startTime: ago(110), completionTime: ago(98), conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }] },
    );
    expect(jobRow(j)).toEqual(['pi', 'Complete', '1/1', '12s', '2m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=3f2a']);
  });

  it('prints running, failed, suspended and terminating jobs', () => {
    expect(jobRow(job({ completions: 3 }, { active: 1, succeeded: 1, startTime: ago(75) })).slice(1, 4)).toEqual(['Running', '1/3', '75s']);
    expect(jobRow(job({ parallelism: 4 }, { active: 4 })).slice(1, 4)).toEqual(['Running', '0/1 of 4', '']);
    const failed = { failed: 7, startTime: ago(100), conditions: [{ type: 'FailureTarget', status: 'True' }, { type: 'Failed', status: 'True' }] };
    expect(jobRow(job({ completions: 1 }, failed))[1]).toBe('Failed');
    expect(jobRow(job({ completions: 1 }, { conditions: [{ type: 'FailureTarget', status: 'True' }] }))[1]).toBe('FailureTarget');
    expect(jobRow(job({ completions: 1, suspend: true }, { conditions: [{ type: 'Suspended', status: 'True' }] }))[1]).toBe('Suspended');
    expect(jobRow(job({ completions: 1 }, { conditions: [{ type: 'Suspended', status: 'False' }] }))[1]).toBe('Running');
    expect(jobRow(job({ completions: 1 }, { conditions: [{ type: 'Suspended', status: 'True' }] }, { deletionTimestamp: ago(-5) }))[1]).toBe('Terminating');
    expect(jobRow(job({ completions: 2 }, { succeeded: 1, conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }] }))[1]).toBe('SuccessCriteriaMet');
  });

  it('selects on status.successful', () => {
    expect(jobs.fieldSelectors!['status.successful'](job({}, { succeeded: 2 }))).toBe('2');
    expect(jobs.fieldSelectors!['status.successful'](job({}, {}))).toBe('0');
  });
});

describe('cronjob table', () => {
  it('prints schedule, time zone, suspend and last schedule', () => {
    const cj = {
      metadata: { name: 'hello', namespace: 'default', creationTimestamp: ago(3 * 86400 + 4 * 3600) },
      spec: { schedule: '*/5 * * * *', suspend: false, jobTemplate: { spec: { template } } },
      status: { active: [{ name: 'hello-29000' }], lastScheduleTime: ago(70) },
    };
    const cronjobs = printerBehaviors['batch/CronJob'].table!;
    expect(cronjobs.columns.map((c) => `${c.name}:${c.type}`).slice(1, 6)).toEqual(['Schedule:string', 'Timezone:string', 'Suspend:boolean', 'Active:integer', 'Last Schedule:string']);
    expect(cronjobs.row(cj, NOW)).toEqual(['hello', '*/5 * * * *', '<none>', 'False', 1, '70s', '3d4h', 'pi', 'perl:5.34', '<none>']);
    const fresh = { ...cj, spec: { ...cj.spec, timeZone: 'Europe/Amsterdam', suspend: undefined }, status: {} };
    expect(cronjobs.row(fresh, NOW).slice(2, 6)).toEqual(['Europe/Amsterdam', '<unset>', 0, '<none>']);
  });
});
