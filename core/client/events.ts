import { createHash } from 'node:crypto';
import type { KubeObject } from '../api/types.js';
import { rfc3339 } from '../util/clock.js';
import { isNotFound, type Client } from './client.js';

export type EventType = 'Normal' | 'Warning';

/**
 * Records core/v1 Events the way kubectl describe shows them. Repeats of the same event
 * (object, reason, message) bump its count instead of creating a new one, as upstream's
 * correlator does.
 */
export class EventRecorder {
  private readonly recent = new Map<string, { name: string; namespace: string; count: number }>();

  constructor(
    private readonly client: Client,
    private readonly source: { component: string; host?: string },
  ) {}

  event(obj: KubeObject, type: EventType, reason: string, message: string): void {
    void this.record(obj, type, reason, message).catch(() => undefined);
  }

  async record(obj: KubeObject, type: EventType, reason: string, message: string): Promise<void> {
    const namespace = obj.metadata.namespace || 'default';
    const key = createHash('sha1').update([obj.metadata.uid, obj.kind, obj.metadata.name, reason, message, type].join('|')).digest('hex');
    const now = this.client.clock.now();
    const seen = this.recent.get(key);
    if (seen) {
      seen.count++;
      try {
        const cur = this.client.get('v1', 'Event', seen.namespace, seen.name);
        await this.client.update({ ...cur, count: seen.count, lastTimestamp: rfc3339(now) });
        return;
      } catch (err) {
        if (!isNotFound(err)) throw err;
        this.recent.delete(key);
      }
    }
    const name = `${obj.metadata.name}.${(now * 1000 + Math.floor(Math.random() * 1000)).toString(16)}`;
    const apiVersion = obj.apiVersion ?? 'v1';
    await this.client.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
        uid: obj.metadata.uid,
        apiVersion,
        resourceVersion: obj.metadata.resourceVersion,
      },
      reason,
      message,
      source: { component: this.source.component, ...(this.source.host ? { host: this.source.host } : {}) },
      firstTimestamp: rfc3339(now),
      lastTimestamp: rfc3339(now),
      eventTime: null,
      count: 1,
      type,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    });
    this.recent.set(key, { name, namespace, count: 1 });
    if (this.recent.size > 4096) this.recent.delete(this.recent.keys().next().value!);
  }
}
