import { StatusError, badRequest } from '../../api/errors.js';
import type { PodStreams, StreamSession } from '../../api/pod-streams.js';
import type { KubeObject } from '../../api/types.js';
import type { UpgradeHandler } from '../deps.js';
import { parseStreamRequest, validateStreamRequest, type StreamRequest } from './exec-options.js';
import { sessionStatus } from './exec-status.js';
import { chooseContainer, loadPod, requireHost, requireStreams } from './pod-target.js';
import { bridgeSession, captureOutput, type ClientStreams } from './session-bridge.js';
import { SPDY_EXEC_PROTOCOLS, spdyClientStreams } from './spdy-exec.js';
import { acceptSpdy, isSpdyRequest, negotiateStreamProtocol } from './spdy-upgrade.js';
import { CHANNEL_PROTOCOL_V4, CHANNEL_PROTOCOL_V5, webSocketClientStreams } from './ws-channels.js';
import { acceptWebSocket, prepareWebSocket, isWebSocketRequest } from './websocket-upgrade.js';

const WS_PROTOCOLS = [CHANNEL_PROTOCOL_V5, CHANNEL_PROTOCOL_V4];

type Kind = 'exec' | 'attach';

/**
 * `pods/exec` and `pods/attach`: WebSocket (`v5.channel.k8s.io`, `v4.channel.k8s.io`) or the
 * SPDY/3.1 fallback. Everything that can fail is checked, and the process started,
 * before the 101: a failure is then a plain HTTP Status that kubectl prints, on both of
 * its attempts.
 */
export function createStreamHandler(kind: Kind, streams: () => PodStreams | undefined): UpgradeHandler {
  return async (call) => {
    const { req, socket, head, deps } = call;
    const request = parseStreamRequest(call.query, kind);
    const pod = loadPod(deps, call.descriptor, call.info);
    const container = chooseContainer(pod, request.container);
    requireHost(pod);
    const kubelet = requireStreams(streams, kind === 'exec' ? 'exec into' : 'attach to', pod);
    validateStreamRequest(request, kind);

    let transport: 'ws' | 'spdy';
    let protocol: string | undefined;
    if (isWebSocketRequest(req)) {
      transport = 'ws';
      protocol = prepareWebSocket(req, WS_PROTOCOLS);
    } else if (isSpdyRequest(req)) {
      transport = 'spdy';
      protocol = negotiateStreamProtocol(req, SPDY_EXEC_PROTOCOLS, false);
    } else {
      throw badRequest('unable to upgrade: missing upgrade headers in request');
    }

    const session = captureOutput(await start(kind, kubelet, pod, container, request));
    let client: ClientStreams;
    try {
      if (transport === 'ws') client = webSocketClientStreams(await acceptWebSocket(req, socket, head, protocol!), protocol!, request);
      else {
        const conn = acceptSpdy(socket, head, protocol);
        conn.on('protocolError', (err: Error) => deps.logger.warn(`${kind} SPDY protocol error`, { pod: `${call.info.namespace}/${call.info.name}`, error: err.message }));
        client = await spdyClientStreams(conn, request, deps.logger);
      }
    } catch (err) {
      session.close();
      deps.logger.debug(`${kind} stream setup failed`, { error: String(err) });
      return;
    }
    try {
      await bridgeSession(session, client, (r) => sessionStatus(kind, request.command, r), deps.logger);
    } catch (err) {
      deps.logger.error(`${kind} session failed`, { error: String((err as Error)?.stack ?? err) });
      client.abort();
    } finally {
      session.close();
    }
  };
}

async function start(kind: Kind, kubelet: PodStreams, pod: KubeObject, container: string, r: StreamRequest): Promise<StreamSession> {
  const opts = { stdin: r.stdin, stdout: r.stdout, stderr: r.stderr, tty: r.tty };
  try {
    return kind === 'exec' ? await kubelet.exec(pod, container, { ...opts, command: r.command }) : await kubelet.attach(pod, container, opts);
  } catch (err) {
    // What the kubelet would have refused the upgrade with (`container not found ("c")`).
    if (err instanceof StatusError) throw err;
    throw new StatusError(500, 'InternalError', (err as Error)?.message ?? String(err));
  }
}
