import type { PodStreams } from '../../api/pod-streams.js';
import type { SubresourceHandler, UpgradeHandler } from '../deps.js';
import { createStreamHandler } from './exec-handler.js';
import { createLogHandler } from './log-handler.js';
import { createPortForwardHandler } from './port-forward-handler.js';
import { upgradeRequired } from './upgrade-required.js';

export { createLogHandler } from './log-handler.js';
export { createStreamHandler } from './exec-handler.js';
export { createPortForwardHandler, PORT_FORWARD_PROTOCOL, PORT_FORWARD_TUNNEL_PROTOCOL } from './port-forward-handler.js';
export { CHANNEL_PROTOCOL_V4, CHANNEL_PROTOCOL_V5 } from './ws-channels.js';

export function createExecHandler(streams: () => PodStreams | undefined): UpgradeHandler {
  return createStreamHandler('exec', streams);
}

export function createAttachHandler(streams: () => PodStreams | undefined): UpgradeHandler {
  return createStreamHandler('attach', streams);
}

/**
 * Serves `pods/log`, `pods/exec`, `pods/attach` and `pods/portforward` from whatever runs
 * pods. `streams` is asked on every request: it returns undefined while there is no
 * kubelet (`--no-kubelet`), and those requests then get a 503 Status saying so.
 */
export function registerStreaming(deps: { subresources: Map<string, SubresourceHandler>; upgrades: Map<string, UpgradeHandler> }, streams: () => PodStreams | undefined): void {
  deps.subresources.set('pods/log', createLogHandler(streams));
  deps.upgrades.set('pods/exec', createStreamHandler('exec', streams));
  deps.upgrades.set('pods/attach', createStreamHandler('attach', streams));
  deps.upgrades.set('pods/portforward', createPortForwardHandler(streams));
  for (const sub of ['exec', 'attach', 'portforward']) deps.subresources.set(`pods/${sub}`, upgradeRequired);
}
