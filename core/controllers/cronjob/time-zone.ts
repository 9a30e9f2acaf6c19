/** Wall-clock fields in a time zone, and back, with Intl (no tz database of our own). */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' });
    formatters.set(zone, f);
  }
  return f;
}

/** Throws for a zone name the runtime does not know, as an unknown timeZone must be refused. */
export function checkTimeZone(zone: string): void {
  formatter(zone);
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function wallTime(ms: number, zone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), weekday: WEEKDAYS[parts.weekday] };
}

/** The zone's offset from UTC at an instant, in ms. */
export function zoneOffset(ms: number, zone: string): number {
  const w = wallTime(ms, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return asUtc - Math.floor(ms / 60_000) * 60_000;
}

/** The instant a wall-clock minute in the zone names; a minute skipped by DST moves forward. */
export function fromWallTime(year: number, month: number, day: number, hour: number, minute: number, zone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  let ms = guess - zoneOffset(guess, zone);
  const second = guess - zoneOffset(ms, zone);
  if (second !== ms) ms = Math.max(ms, second);
  return ms;
}

/** RFC 3339 with the zone's offset, as the scheduled-timestamp annotation carries it. */
export function rfc3339InZone(ms: number, zone: string): string {
  const off = zoneOffset(ms, zone);
  if (off === 0) return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const local = new Date(ms + off).toISOString().replace(/\.\d{3}Z$/, '');
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off) / 60_000;
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
