// The contract's member names as data: the generic clients (preload, WebSocket) build their
// objects from these lists, and the dispatcher refuses any name not on them. The type checks
// below fail the build when the contract gains a member that is missing here.
import type { RequestName, SubscriptionName } from './contract.js';

export const REQUEST_NAMES = [
  'getClusterInfo',
  'setKubernetesEnabled',
  'resetCluster',
  'useSkiffContext',
  'listResourceTypes',
  'list',
  'get',
  'applyYaml',
  'patch',
  'scale',
  'restartRollout',
  'delete',
  'writeTerminal',
  'resizeTerminal',
  'getSettings',
  'updateSettings',
] as const satisfies readonly RequestName[];

export const SUBSCRIPTION_NAMES = [
  'onDidChangeCluster',
  'onDidChangeObjects',
  'onDidChangeNodeUsage',
  'onDidReceiveLogs',
  'onDidTerminalEvent',
  'onDidChangeSettings',
] as const satisfies readonly SubscriptionName[];

type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : { missing: Exclude<All, Listed> };
export const requestNamesComplete: Missing<RequestName, (typeof REQUEST_NAMES)[number]> = true;
export const subscriptionNamesComplete: Missing<SubscriptionName, (typeof SUBSCRIPTION_NAMES)[number]> = true;
