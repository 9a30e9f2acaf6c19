import type { KubeObject } from '../../api/types.js';
import { getCondition } from '../shared/conditions.js';

/** A Job's spec with the API's defaults filled in, whatever the server stored. */
export interface JobSpec {
  parallelism: number;
  completions?: number;
  backoffLimit: number;
  activeDeadlineSeconds?: number;
  indexed: boolean;
  suspend: boolean;
  /** `Failed`: a terminating pod is replaced only once it has failed. */
  onlyReplaceFailed: boolean;
  restartPolicy: string;
  hasFailurePolicy: boolean;
}

export function jobSpecOf(job: KubeObject): JobSpec {
  const s = job.spec ?? {};
  const bothMissing = s.completions === undefined && s.parallelism === undefined;
  const hasFailurePolicy = !!s.podFailurePolicy?.rules?.length;
  return {
    parallelism: s.parallelism ?? 1,
    completions: s.completions ?? (bothMissing ? 1 : undefined),
    backoffLimit: s.backoffLimit ?? 6,
    activeDeadlineSeconds: s.activeDeadlineSeconds,
    indexed: s.completionMode === 'Indexed',
    suspend: !!s.suspend,
    onlyReplaceFailed: (s.podReplacementPolicy ?? (hasFailurePolicy ? 'Failed' : 'TerminatingOrFailed')) === 'Failed',
    restartPolicy: s.template?.spec?.restartPolicy ?? 'Never',
    hasFailurePolicy,
  };
}

export function isJobFinished(job: KubeObject): boolean {
  const conds = job.status?.conditions;
  return getCondition(conds, 'Complete')?.status === 'True' || getCondition(conds, 'Failed')?.status === 'True';
}

export const JOB_REASONS = {
  completionsReached: { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
  backoffLimitExceeded: { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' },
  deadlineExceeded: { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' },
} as const;
