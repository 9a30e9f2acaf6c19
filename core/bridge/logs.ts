// Follows one container's log for the log terminal. The container may not be running yet,
// may exit and be restarted by the kubelet, the pod may be recreated under the same name or
// the cluster stopped and started: each time we wait for the next running instance and follow
// it, telling the reader why the stream paused. Timestamps are always asked for, so a stream
// that drops mid-instance resumes where it stopped without repeating lines.
import type { Readable } from 'node:stream';
import type { KubeObject, LogEvent, LogRequest, Status, Unsubscribe } from './contract.js';
import type { ClusterHost } from './host.js';
import { failure, toStatus } from './errors.js';
import { watchObjects } from './objects.js';

interface Instance {
  /** containerID, or the pod UID for previous-instance requests. */
  id: string;
  running: boolean;
}

function instanceOf(pod: KubeObject, container: string): Instance | undefined {
  const all = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])];
  const cs = all.find((c: { name?: string }) => c.name === container);
  if (!cs?.containerID) return undefined;
  if (!cs.state?.running && !cs.state?.terminated) return undefined;
  return { id: `${pod.metadata.uid}/${cs.containerID}`, running: !!cs.state?.running };
}

/** Splits a timestamped log line: `2026-01-01T00:00:00.123456789Z text`. */
export function splitTimestamp(line: string): { ts?: string; text: string } {
  const sp = line.indexOf(' ');
  if (sp > 19 && /^\d{4}-\d\d-\d\dT/.test(line)) return { ts: line.slice(0, sp), text: line.slice(sp + 1) };
  return { text: line };
}

export function followLogs(host: ClusterHost, req: LogRequest, emit: (e: LogEvent) => void): Unsubscribe {
  const follow = req.follow !== false && !req.previous;
  let closed = false;
  let streaming = false;
  let abort: AbortController | undefined;
  let lastInstance: string | undefined;
  let lastTs: string | undefined;
  /** The instance whose stream ended on its own (not by our abort). */
  let ended: string | undefined;
  let abortedByUs = false;
  let waitingSaid = '';
  let pod: KubeObject | undefined;

  const notice = (text: string) => {
    if (text !== waitingSaid) emit({ type: 'notice', text });
    waitingSaid = text;
  };
  const end = (status?: Status) => {
    if (closed) return;
    closed = true;
    emit({ type: 'end', status });
    stop();
  };

  const pump = (stream: Readable, resumeAfter: string | undefined): Promise<void> =>
    new Promise((resolve) => {
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        let out = '';
        for (const line of lines) {
          const { ts, text } = splitTimestamp(line);
          if (ts && resumeAfter && ts <= resumeAfter) continue;
          if (ts) lastTs = ts;
          out += (req.timestamps ? line : text) + '\n';
        }
        if (out && !closed) emit({ type: 'data', text: out });
      });
      const done = () => {
        if (partial && !closed) emit({ type: 'data', text: (req.timestamps ? partial : splitTimestamp(partial).text) + '\n' });
        partial = '';
        resolve();
      };
      stream.on('end', done);
      stream.on('close', done);
      stream.on('error', done);
    });

  const attempt = async (): Promise<void> => {
    if (closed || streaming || !pod) return;
    const streams = host.current().podStreams;
    if (!streams) return end(failure(503, 'ServiceUnavailable', 'container logs need the kubelet, which this cluster does not run'));
    const inst = instanceOf(pod, req.container);
    if (!req.previous) {
      if (!inst) return notice(lastInstance ? `container ${req.container} has exited; waiting for it to restart…` : `waiting for container ${req.container} to start…`);
      // Its stream ended by itself: that instance has nothing more to say, whatever the
      // (possibly older) status still claims. Only a new instance is worth a new stream.
      if (inst.id === ended) return notice(`container ${req.container} has exited; waiting for it to restart…`);
      if (lastInstance && inst.id !== lastInstance) {
        notice(`container ${req.container} restarted; following the new instance`);
        lastTs = undefined;
      }
    }
    const resumeAfter = inst && inst.id === lastInstance ? lastTs : undefined;
    lastInstance = inst?.id;
    streaming = true;
    waitingSaid = '';
    abortedByUs = false;
    abort = new AbortController();
    try {
      const stream = await streams.logs(pod, req.container, { follow, previous: !!req.previous, timestamps: true, tailLines: resumeAfter ? undefined : req.tailLines, sinceTime: resumeAfter?.replace(/\.\d+Z$/, 'Z') }, abort.signal);
      abort.signal.addEventListener('abort', () => stream.destroy());
      await pump(stream, resumeAfter);
      if (!abortedByUs) ended = inst?.id;
    } catch (err) {
      if (closed) return;
      if (!follow) return end(toStatus(err));
      notice(`logs unavailable: ${toStatus(err).message}`);
    } finally {
      streaming = false;
      abort = undefined;
    }
    if (!follow) return end();
    // The stream ended: the container exited, or the kubelet let go of it. The pod watch
    // below calls again when something changes; try once now in case it already has.
    setTimeout(() => void attempt(), 250);
  };

  if (host.current().state === 'running' && !host.current().podStreams) {
    emit({ type: 'end', status: failure(503, 'ServiceUnavailable', 'container logs need the kubelet, which this cluster does not run') });
    return () => {};
  }

  const offWatch = watchObjects(host, { apiVersion: 'v1', kind: 'Pod', namespace: req.namespace, fieldSelector: `metadata.name=${req.pod}` }, (e) => {
    if (closed) return;
    if (e.type === 'unavailable') {
      // The cluster went away under the stream: when it is back, the same instance may still
      // run, and resumes after the last line we saw.
      abortedByUs = true;
      ended = undefined;
      abort?.abort();
      notice('the cluster is not running; waiting for it…');
      return;
    }
    const latest = e.type === 'sync' ? e.items[0] : e.changes.filter((c) => c.type !== 'deleted').at(-1)?.object;
    const deleted = e.type === 'sync' ? !e.items.length : e.changes.at(-1)?.type === 'deleted';
    if (deleted) {
      pod = undefined;
      if (!follow) return end(failure(404, 'NotFound', `pods "${req.pod}" not found`));
      notice(`pod ${req.pod} is gone; waiting for it to come back…`);
      return;
    }
    if (latest) pod = latest;
    void attempt();
  });

  function stop(): void {
    closed = true;
    abort?.abort();
    offWatch();
  }
  return () => {
    closed = true;
    stop();
  };
}
