import { badRequest } from '../../api/errors.js';
import type { PodStreams } from '../../api/pod-streams.js';
import type { UpgradeHandler } from '../deps.js';
import { WebSocketTransport } from './byte-transport.js';
import { loadPod, requireHost, requireStreams } from './pod-target.js';
import { servePortForward } from './port-forward-session.js';
import { SpdyConnection } from './spdy/index.js';
import { acceptSpdy, isSpdyRequest, negotiateStreamProtocol } from './spdy-upgrade.js';
import { acceptWebSocket, prepareWebSocket, isWebSocketRequest } from './websocket-upgrade.js';

export const PORT_FORWARD_PROTOCOL = 'portforward.k8s.io';
/** kubectl ≥ 1.31 tunnels the SPDY session through a WebSocket under this subprotocol. */
export const PORT_FORWARD_TUNNEL_PROTOCOL = `SPDY/3.1+${PORT_FORWARD_PROTOCOL}`;

/**
 * `pods/portforward`: one SPDY session per `kubectl port-forward`, either inside a
 * WebSocket (binary messages carry the byte stream) or, as the fallback, straight on the
 * upgraded socket. Each local connection then becomes a pair of streams.
 */
export function createPortForwardHandler(streams: () => PodStreams | undefined): UpgradeHandler {
  return async ({ deps, req, socket, head, descriptor, info }) => {
    const pod = loadPod(deps, descriptor, info);
    requireHost(pod);
    const kubelet = requireStreams(streams, 'forward ports of', pod);
    let conn: SpdyConnection;
    if (isWebSocketRequest(req)) {
      const protocol = prepareWebSocket(req, [PORT_FORWARD_TUNNEL_PROTOCOL]);
      try {
        conn = new SpdyConnection(new WebSocketTransport(await acceptWebSocket(req, socket, head, protocol)));
      } catch (err) {
        deps.logger.debug('port-forward WebSocket handshake failed', { error: String(err) });
        return;
      }
    } else if (isSpdyRequest(req)) {
      conn = acceptSpdy(socket, head, negotiateStreamProtocol(req, [PORT_FORWARD_PROTOCOL], true));
    } else {
      throw badRequest('unable to upgrade: missing upgrade headers in request');
    }
    const log = deps.logger.child('port-forward');
    conn.on('protocolError', (err: Error) => log.warn('SPDY protocol error', { pod: `${info.namespace}/${info.name}`, error: err.message }));
    servePortForward(conn, { label: `${pod.metadata.name}_${pod.metadata.namespace}`, uid: String(pod.metadata.uid ?? ''), open: (port) => kubelet.portForward(pod, port) }, log);
  };
}
