import type { Toleration } from '../api/node-selection.js';
import type { KubeObject } from '../api/types.js';
import type { NodeInfo, PodAccount } from './node-info.js';

/**
 * Unschedulable: the node might fit after other pods go (preemption could help).
 * UnschedulableAndUnresolvable: nothing about other pods would change the answer.
 */
export type FilterCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface FilterFailure {
  plugin: string;
  code: FilterCode;
  reasons: string[];
}

/** The pod as the plugins see it, computed once per scheduling attempt. */
export interface PodInfo {
  pod: KubeObject;
  account: PodAccount;
  tolerations: Toleration[];
}

export type { Taint, Toleration } from '../api/node-selection.js';

export interface FilterPlugin {
  name: string;
  /** Undefined when the node passes. */
  filter(pod: PodInfo, node: NodeInfo): FilterFailure | undefined;
}

export interface ScorePlugin {
  name: string;
  weight: number;
  score(pod: PodInfo, node: NodeInfo): number;
  /** Rescales raw scores into 0..100 across the feasible nodes. */
  normalize?(scores: number[]): number[];
}

export const MAX_NODE_SCORE = 100;

export function fail(plugin: string, code: FilterCode, ...reasons: string[]): FilterFailure {
  return { plugin, code, reasons };
}

/** Upstream's DefaultNormalizeScore: scales so the best node gets 100 (reversed: the lowest does). */
export function normalizeScores(scores: number[], reverse: boolean): number[] {
  const max = Math.max(0, ...scores);
  if (max === 0) return scores.map(() => (reverse ? MAX_NODE_SCORE : 0));
  return scores.map((s) => {
    const v = Math.floor((s * MAX_NODE_SCORE) / max);
    return reverse ? MAX_NODE_SCORE - v : v;
  });
}
