import type { KubeObject } from '../../../api/types.js';
import { age } from '../../../api/duration.js';
import type { BehaviorTable } from '../behavior.js';
import { column, nameColumn, printer, wide } from './table.js';

/** The fields the event printer reads, named as in core/v1. */
interface EventView {
  name: string;
  type: string;
  reason: string;
  message: string;
  involved: { kind?: string; name?: string; namespace?: string; uid?: string; apiVersion?: string; resourceVersion?: string; fieldPath?: string };
  source: { component?: string; host?: string };
  reportingController: string;
  reportingInstance: string;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  count: number;
  series?: { count?: number; lastObservedTime?: string };
}

function coreView(e: KubeObject): EventView {
  return {
    name: e.metadata.name ?? '',
    type: e.type ?? '',
    reason: e.reason ?? '',
    message: e.message ?? '',
    involved: e.involvedObject ?? {},
    source: e.source ?? {},
    reportingController: e.reportingComponent ?? '',
    reportingInstance: e.reportingInstance ?? '',
    firstTimestamp: e.firstTimestamp,
    lastTimestamp: e.lastTimestamp,
    eventTime: e.eventTime,
    count: e.count ?? 0,
    series: e.series,
  };
}

// events.k8s.io/v1 is the same stored object with renamed fields.
function eventsV1View(e: KubeObject): EventView {
  return {
    name: e.metadata.name ?? '',
    type: e.type ?? '',
    reason: e.reason ?? '',
    message: e.note ?? '',
    involved: e.regarding ?? {},
    source: e.deprecatedSource ?? {},
    reportingController: e.reportingController ?? '',
    reportingInstance: e.reportingInstance ?? '',
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp,
    eventTime: e.eventTime,
    count: e.deprecatedCount ?? 0,
    series: e.series,
  };
}

function since(ts: string | undefined, now: number): string | undefined {
  return ts && !Number.isNaN(Date.parse(ts)) ? age(ts, now) : undefined;
}

function eventRow(e: EventView, now: number) {
  const first = since(e.firstTimestamp, now) ?? since(e.eventTime, now) ?? '<unknown>';
  let last = since(e.lastTimestamp, now) ?? first;
  let count = e.count;
  if (e.series) {
    last = since(e.series.lastObservedTime, now) ?? '<unknown>';
    count = e.series.count ?? 0;
  } else if (count === 0) {
    // Singleton events written through the new API carry no count.
    count = 1;
  }
  const kind = (e.involved.kind ?? '').toLowerCase();
  const target = e.involved.name ? `${kind}/${e.involved.name}` : kind;
  const component = e.source.component || e.reportingController;
  const instance = e.source.host || e.reportingInstance;
  const source = instance ? `${component}, ${instance}` : component;
  return [last, e.type, e.reason, target, e.involved.fieldPath ?? '', source, e.message.trim(), first, count, e.name];
}

const eventColumns = [
  column('Last Seen', 'How long ago the event was last observed.'),
  column('Type', 'Normal or Warning.'),
  column('Reason', 'A short machine-readable reason.'),
  column('Object', 'The object the event is about.'),
  wide('Subobject', 'The part of the object, such as a container.'),
  wide('Source', 'The component that reported the event.'),
  column('Message', 'What happened.'),
  wide('First Seen', 'How long ago the event was first observed.'),
  wide('Count', 'How many times it happened.'),
  { ...nameColumn, priority: 1 },
];

const coreEventTable = printer(eventColumns, (e, now) => eventRow(coreView(e), now));
const eventsV1Table = printer(eventColumns, (e, now) => eventRow(eventsV1View(e), now));

type Selectors = Record<string, (e: KubeObject) => string | undefined>;

function selectors(view: (e: KubeObject) => EventView, names: { involved: string; reporting: string }): Selectors {
  const out: Selectors = {};
  for (const field of ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'] as const) {
    out[`${names.involved}.${field}`] = (e) => view(e).involved[field];
  }
  out.reason = (e) => view(e).reason;
  out.type = (e) => view(e).type;
  out[names.reporting] = (e) => view(e).reportingController;
  // The source label falls back to the reporting controller for new-style events.
  out.source = (e) => view(e).source.component || view(e).reportingController;
  return out;
}

export const eventPrinters: BehaviorTable = {
  '/Event': { table: coreEventTable, fieldSelectors: selectors(coreView, { involved: 'involvedObject', reporting: 'reportingComponent' }) },
  'events.k8s.io/Event': { table: eventsV1Table, fieldSelectors: selectors(eventsV1View, { involved: 'regarding', reporting: 'reportingController' }) },
};
