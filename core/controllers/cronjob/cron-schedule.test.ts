import { describe, expect, it } from 'vitest';
import { parseSchedule } from './cron-schedule.js';
import { mostRecentScheduleTime, nextTime } from './next-time.js';
import { rfc3339InZone } from './time-zone.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const next = (spec: string, from: string, zone = 'UTC') => iso(nextTime(parseSchedule(spec), at(from), zone));

describe('cron schedules', () => {
  it('handles steps, ranges, lists and names', () => {
    expect(next('*/15 * * * *', '2026-01-15T10:07:00Z')).toBe('2026-01-15T10:15:00.000Z');
    expect(next('0 9 * * MON-FRI', '2026-01-16T09:00:00Z')).toBe('2026-01-19T09:00:00.000Z');
    expect(next('30 2 1,15 * *', '2026-01-02T00:00:00Z')).toBe('2026-01-15T02:30:00.000Z');
    expect(next('0 0 1 jan,jul *', '2026-01-02T00:00:00Z')).toBe('2026-07-01T00:00:00.000Z');
    expect(next('5 4 * * sun', '2026-01-15T00:00:00Z')).toBe('2026-01-18T04:05:00.000Z');
    expect(next('10-20/5 * * * *', '2026-01-15T10:16:00Z')).toBe('2026-01-15T10:20:00.000Z');
    expect(next('5/20 * * * *', '2026-01-15T10:26:00Z')).toBe('2026-01-15T10:45:00.000Z');
  });

  it('expands descriptors', () => {
    expect(next('@hourly', '2026-01-15T10:07:00Z')).toBe('2026-01-15T11:00:00.000Z');
    expect(next('@daily', '2026-01-15T10:07:00Z')).toBe('2026-01-16T00:00:00.000Z');
    expect(next('@weekly', '2026-01-15T10:07:00Z')).toBe('2026-01-18T00:00:00.000Z');
    expect(next('@monthly', '2026-01-15T10:07:00Z')).toBe('2026-02-01T00:00:00.000Z');
    expect(next('@yearly', '2026-01-15T10:07:00Z')).toBe('2027-01-01T00:00:00.000Z');
  });

  it('ORs restricted day-of-month and day-of-week, as cron does', () => {
    // The 13th, or any Friday.
    expect(next('0 0 13 * 5', '2026-01-10T00:00:00Z')).toBe('2026-01-13T00:00:00.000Z');
    expect(next('0 0 13 * 5', '2026-01-14T00:00:00Z')).toBe('2026-01-16T00:00:00.000Z');
    // Stepped day-of-week is restricted too.
    expect(next('0 0 */2 * */3', '2026-01-02T00:00:00Z')).toBe('2026-01-03T00:00:00.000Z');
  });

  it('never matches February 30th', () => {
    expect(nextTime(parseSchedule('0 0 30 2 *'), at('2026-01-01T00:00:00Z'), 'UTC')).toBeUndefined();
  });

  it('reads schedules in a time zone, across daylight saving changes', () => {
    expect(next('0 9 * * *', '2026-01-15T10:00:00Z', 'Asia/Tokyo')).toBe('2026-01-16T00:00:00.000Z');
    // New York moves from EST (−5) to EDT (−4) on 2026-03-08.
    expect(next('0 9 * * *', '2026-03-07T15:00:00Z', 'America/New_York')).toBe('2026-03-08T13:00:00.000Z');
    expect(rfc3339InZone(at('2026-01-16T00:00:00Z'), 'Asia/Tokyo')).toBe('2026-01-16T09:00:00+09:00');
    expect(rfc3339InZone(at('2026-01-16T00:00:00Z'), 'UTC')).toBe('2026-01-16T00:00:00Z');
  });

  it('refuses bad schedules with upstream-like errors', () => {
    expect(() => parseSchedule('* * * *')).toThrow('expected exactly 5 fields, found 4');
    expect(() => parseSchedule('61 * * * *')).toThrow('above maximum');
    // robfig/cron, and so Kubernetes, knows Sunday only as 0.
    expect(() => parseSchedule('0 0 * * 7')).toThrow('end of range (7) above maximum (6): 7');
    expect(() => parseSchedule('TZ=UTC * * * * *')).toThrow('timeZone');
    expect(() => parseSchedule('@fortnightly')).toThrow('unrecognized descriptor');
  });

  it('finds the most recent missed time and flags many missed', () => {
    const s = parseSchedule('* * * * *');
    expect(iso(mostRecentScheduleTime(s, at('2026-01-15T10:00:00Z'), at('2026-01-15T10:03:30Z'), 'UTC').time)).toBe('2026-01-15T10:03:00.000Z');
    const many = mostRecentScheduleTime(s, at('2025-01-15T10:00:00Z'), at('2026-01-15T10:03:30Z'), 'UTC');
    expect(many).toEqual({ time: at('2026-01-15T10:03:00Z'), missed: 'many' });
    expect(mostRecentScheduleTime(s, at('2026-01-15T10:00:00Z'), at('2026-01-15T10:00:30Z'), 'UTC').time).toBeUndefined();
  });
});
