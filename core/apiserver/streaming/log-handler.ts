import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { StatusError, badRequest } from '../../api/errors.js';
import type { PodStreams } from '../../api/pod-streams.js';
import type { SubresourceHandler } from '../deps.js';
import { parseLogOptions } from './log-options.js';
import { checkLogReadable } from './log-readiness.js';
import { chooseContainer, loadPod, requireStreams } from './pod-target.js';

/**
 * `GET …/pods/p/log`: validates like upstream, then streams the container's output as
 * chunked text/plain, each chunk written as soon as it arrives (that is what makes
 * `kubectl logs -f` live). Ends when the log ends or the client goes away.
 */
export function createLogHandler(streams: () => PodStreams | undefined): SubresourceHandler {
  return async ({ deps, req, res, info, descriptor, query }) => {
    if (req.method !== 'GET') throw new StatusError(405, 'MethodNotAllowed', `${req.method} is not supported on pods/log`);
    const name = info.name!;
    const opts = parseLogOptions(query, name);
    const pod = loadPod(deps, descriptor, info);
    const container = chooseContainer(pod, opts.container);
    const kubelet = requireStreams(streams, 'read the logs of', pod);
    // Upstream answers an unscheduled pod's log with an empty body: there is nowhere to ask.
    if (!pod.spec?.nodeName) {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end();
      return;
    }
    checkLogReadable(pod, container, opts.previous);

    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const { container: _c, ...logOpts } = opts;
    let source: Readable;
    try {
      source = await kubelet.logs(pod, container, logOpts, abort.signal);
    } catch (err) {
      // Like the kubelet's answer relayed by the API server: a 400 carrying its message.
      if (err instanceof StatusError) throw err;
      throw badRequest((err as Error).message);
    }
    if (abort.signal.aborted) {
      source.destroy();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
    res.flushHeaders();
    await pump(source, res, opts.limitBytes, abort.signal, (err) => deps.logger.warn('log stream failed', { pod: `${info.namespace}/${name}`, container, error: String(err) }));
  };
}

async function pump(source: Readable, res: ServerResponse, limit: number | undefined, signal: AbortSignal, onError: (err: unknown) => void): Promise<void> {
  let left = limit ?? Infinity;
  try {
    for await (const chunk of source) {
      if (signal.aborted) break;
      const buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      const piece = buf.length > left ? buf.subarray(0, left) : buf;
      left -= piece.length;
      if (!res.write(piece)) await once(res, 'drain', { signal });
      if (left <= 0) break;
    }
  } catch (err) {
    if (!signal.aborted) onError(err);
  } finally {
    source.destroy();
    if (!res.writableEnded && !res.destroyed) res.end();
  }
}
