import type { IncomingMessage, ServerResponse } from 'node:http';
import { toStatusError } from '../../api/errors.js';
import { apiVersionOfDescriptor, type ResourceDescriptor } from '../../registry/descriptor.js';
import type { Served } from '../../registry/request-version.js';
import { startWatch, type ActiveWatch } from '../../registry/watch.js';
import type { AcceptChoice } from '../accept.js';
import type { ApiServerDeps } from '../deps.js';
import { buildTable, type IncludeObject } from '../table.js';

/** A client that stops reading for this long worth of bytes is cut off; it re-watches from its last RV. */
const MAX_BUFFERED = 32 * 1024 * 1024;

/**
 * A watch as a chunked stream of JSON lines, each flushed as it happens. Table watches send
 * column definitions on the first event only, as upstream does.
 */
export function serveWatch(
  deps: ApiServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  d: ResourceDescriptor,
  namespace: string | undefined,
  name: string | undefined,
  query: URLSearchParams,
  accept: AcceptChoice,
): void {
  let fieldSelector = query.get('fieldSelector') ?? undefined;
  if (name) fieldSelector = fieldSelector ? `${fieldSelector},metadata.name=${name}` : `metadata.name=${name}`;
  const sendInitial = query.get('sendInitialEvents');
  const params = {
    resourceVersion: query.get('resourceVersion') ?? undefined,
    resourceVersionMatch: query.get('resourceVersionMatch') ?? undefined,
    sendInitialEvents: sendInitial === null ? undefined : sendInitial === 'true',
    allowWatchBookmarks: query.get('allowWatchBookmarks') === 'true',
    labelSelector: query.get('labelSelector') ?? undefined,
    fieldSelector,
  };
  const include: IncludeObject = query.get('includeObject') === 'Object' ? 'Object' : query.get('includeObject') === 'None' ? 'None' : 'Metadata';
  let headerSent = false;
  let ended = false;
  let watch: ActiveWatch | undefined;
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  const finish = () => {
    if (ended) return;
    ended = true;
    watch?.stop();
    for (const t of timers) clearTimeout(t);
    if (!res.writableEnded) res.end();
  };
  const write = (line: string) => {
    if (ended) return;
    if (!headerSent) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
      headerSent = true;
    }
    res.write(line + '\n');
    if (res.writableLength > MAX_BUFFERED) {
      deps.logger.warn('closing a watch whose client fell behind', { resource: d.plural });
      finish();
    }
  };
  const objectBody = (type: string, s: Served): string => {
    if (accept.shape === 'table') {
      const table = buildTable(d, [s.object], { include, now: deps.clock.now(), resourceVersion: s.object.metadata.resourceVersion, noHeaders: headerSent });
      return `{"type":"${type}","object":${JSON.stringify(table)}}`;
    }
    return `{"type":"${type}","object":${s.json ?? JSON.stringify(s.object)}}`;
  };
  const bookmarkKind = accept.shape === 'table' ? { kind: 'Table', apiVersion: 'meta.k8s.io/v1' } : { kind: d.kind, apiVersion: apiVersionOfDescriptor(d) };
  try {
    watch = startWatch(deps.objects, d, namespace, params, {
      event: (type, s) => write(objectBody(type, s)),
      bookmark: (rv, initialEventsEnd) => {
        if (!params.allowWatchBookmarks) return;
        const metadata: Record<string, unknown> = { resourceVersion: rv };
        if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
        write(JSON.stringify({ type: 'BOOKMARK', object: { ...bookmarkKind, metadata } }));
      },
    });
  } catch (err) {
    const status = toStatusError(err).status;
    // A watch from a compacted revision is answered inside the stream, as upstream does.
    if (status.code === 410) {
      write(JSON.stringify({ type: 'ERROR', object: status }));
      finish();
      return;
    }
    throw err;
  }
  if (!headerSent) {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    headerSent = true;
    res.flushHeaders();
  }
  const timeoutSeconds = Number(query.get('timeoutSeconds') ?? 0);
  const timeoutMs = timeoutSeconds > 0 ? timeoutSeconds * 1000 : (1800 + Math.random() * 1800) * 1000;
  timers.push(setTimeout(finish, timeoutMs));
  if (params.allowWatchBookmarks) {
    const tick = () => {
      watch?.bookmark();
      timers.push(setTimeout(tick, deps.bookmarkIntervalMs));
    };
    timers.push(setTimeout(tick, deps.bookmarkIntervalMs));
  }
  req.on('close', finish);
  res.on('close', finish);
}
