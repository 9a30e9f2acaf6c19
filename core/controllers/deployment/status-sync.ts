import type { KubeObject } from '../../api/types.js';
import { calculateStatus, rolloutStatus, stuckRequeueMs } from './deployment-status.js';
import type { DeploymentSync } from './sync-context.js';

/** Writes the rollout status; returns when to look again if the rollout may be stuck. */
export async function syncRolloutStatus(s: DeploymentSync, all: KubeObject[], newRS: KubeObject | undefined): Promise<number | undefined> {
  const next = rolloutStatus(s.d, s.spec, all, newRS, s.now());
  const before = s.d;
  await s.saveStatus(next);
  return stuckRequeueMs(before, s.spec, next, s.now());
}

/** Counts and Available only (scaling, paused and deleted deployments). */
export async function syncDeploymentStatus(s: DeploymentSync, all: KubeObject[], newRS: KubeObject | undefined): Promise<void> {
  await s.saveStatus(calculateStatus(s.d, s.spec, all, newRS, s.now()));
}
