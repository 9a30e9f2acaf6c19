import { dayMatches, type CronSchedule } from './cron-schedule.js';
import { fromWallTime, wallTime } from './time-zone.js';

/** robfig gives up after five years: a schedule like `0 0 30 2 *` never fires. */
const YEARS_TO_SEARCH = 5;

/**
 * The first scheduled minute strictly after `afterMs`, in `zone`. Walks wall-clock fields the
 * way robfig's Next does, skipping whole months, days and hours that cannot match.
 */
export function nextTime(s: CronSchedule, afterMs: number, zone: string): number | undefined {
  const w = wallTime(afterMs + 60_000, zone);
  let { year, month, day, hour, minute } = w;
  const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const lastYear = year + YEARS_TO_SEARCH;
  while (year <= lastYear) {
    if (!s.months.has(month)) {
      month++;
      day = 1;
      hour = 0;
      minute = 0;
      if (month > 12) {
        month = 1;
        year++;
      }
      continue;
    }
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    if (day > daysIn(year, month) || !dayMatches(s, day, weekday)) {
      day++;
      hour = 0;
      minute = 0;
      if (day > daysIn(year, month)) {
        day = 1;
        month++;
        if (month > 12) {
          month = 1;
          year++;
        }
      }
      continue;
    }
    if (!s.hours.has(hour)) {
      hour++;
      minute = 0;
      if (hour > 23) {
        hour = 0;
        day++;
      }
      continue;
    }
    if (!s.minutes.has(minute)) {
      minute++;
      if (minute > 59) {
        minute = 0;
        hour++;
        if (hour > 23) {
          hour = 0;
          day++;
        }
      }
      continue;
    }
    const at = fromWallTime(year, month, day, hour, minute, zone);
    if (at > afterMs) return at;
    minute++;
  }
  return undefined;
}

export type Missed = 'none' | 'few' | 'many';

/**
 * Upstream's mostRecentScheduleTime: the latest schedule time in (earliest, now]. Like upstream
 * it estimates how many were missed from the gap between two consecutive times, so a CronJob
 * that slept for years costs no more than one that slept for a minute; over 100 is "many".
 */
export function mostRecentScheduleTime(s: CronSchedule, earliestMs: number, nowMs: number, zone: string): { time?: number; missed: Missed } {
  const t1 = nextTime(s, earliestMs, zone);
  if (t1 === undefined || nowMs < t1) return { missed: 'none' };
  const t2 = nextTime(s, t1, zone);
  if (t2 === undefined || nowMs < t2) return { time: t1, missed: 'none' };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { missed: 'none' };
  const count = Math.floor((nowMs - t1) / 1000 / between) + 1;
  let latest: number | undefined;
  const from = t1 + (count - 2) * between * 1000;
  for (let t = nextTime(s, from, zone); t !== undefined && t <= nowMs; t = nextTime(s, t, zone)) latest = t;
  return { time: latest, missed: count > 100 ? 'many' : 'few' };
}
