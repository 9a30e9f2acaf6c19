import type { FilterPlugin, ScorePlugin } from '../framework.js';
import { nodeAffinityFilter, nodeAffinityScore } from './node-affinity.js';
import { nodeName } from './node-name.js';
import { nodePorts } from './node-ports.js';
import { nodeReady } from './node-ready.js';
import { leastAllocated, nodeResourcesFit } from './node-resources-fit.js';
import { nodeUnschedulable } from './node-unschedulable.js';
import { taintTolerationFilter, taintTolerationScore } from './taint-toleration.js';

/** The default profile's filters in upstream's order (NodeReady is ours, beside the taints it stands in for). */
export const defaultFilters: FilterPlugin[] = [nodeUnschedulable, nodeName, taintTolerationFilter, nodeReady, nodeAffinityFilter, nodePorts, nodeResourcesFit];

export const defaultScores: ScorePlugin[] = [taintTolerationScore, nodeAffinityScore, leastAllocated];
