// Standard five-field cron schedules as Kubernetes reads them (robfig/cron's ParseStandard):
// minute hour day-of-month month day-of-week, with lists, ranges, steps, month and weekday
// names, `?`, and the @yearly/@monthly/@weekly/@daily/@hourly descriptors.

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: Bounds[] = [{ min: 0, max: 59 }, { min: 0, max: 23 }, { min: 1, max: 31 }, { min: 1, max: 12, names: MONTHS }, { min: 0, max: 6, names: DAYS }];
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export interface CronSchedule {
  minutes: Set<number>;
  hours: Set<number>;
  dom: Set<number>;
  months: Set<number>;
  dow: Set<number>;
  /** robfig's star bit: `*` or `?` leaves the day field unrestricted. */
  domStar: boolean;
  dowStar: boolean;
}

function value(text: string, b: Bounds): number {
  const named = b.names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^\d+$/.test(text)) throw new Error(`failed to parse int from ${text}: strconv.Atoi: parsing "${text}": invalid syntax`);
  return Number(text);
}

/** One comma-separated part; returns whether it was a bare star. */
function parseRange(expr: string, b: Bounds, into: Set<number>): boolean {
  const [rangePart, stepPart, extra] = expr.split('/');
  if (extra !== undefined) throw new Error(`too many slashes: ${expr}`);
  const lowHigh = rangePart.split('-');
  let start: number;
  let end: number;
  let star = false;
  if (lowHigh[0] === '*' || lowHigh[0] === '?') {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    start = value(lowHigh[0], b);
    if (lowHigh.length === 1) end = start;
    else if (lowHigh.length === 2) end = value(lowHigh[1], b);
    else throw new Error(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (stepPart !== undefined) {
    if (!/^\d+$/.test(stepPart)) throw new Error(`failed to parse int from ${stepPart}`);
    step = Number(stepPart);
    if (lowHigh.length === 1 && !star) end = b.max;
    if (step > 1) star = false;
  }
  if (start < b.min) throw new Error(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new Error(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new Error(`step of range should be a positive number: ${expr}`);
  for (let i = start; i <= end; i += step) into.add(i);
  return star;
}

function parseField(text: string, b: Bounds): { values: Set<number>; star: boolean } {
  const values = new Set<number>();
  let star = false;
  for (const part of text.split(',')) if (parseRange(part, b, values)) star = true;
  return { values, star };
}

export function parseSchedule(spec: string): CronSchedule {
  const text = spec.trim();
  if (!text) throw new Error('empty spec string');
  if (text.startsWith('TZ=') || text.startsWith('CRON_TZ=')) throw new Error('CRON_TZ or TZ used in schedule; use the timeZone field instead');
  const expanded = text.startsWith('@') ? DESCRIPTORS[text.toLowerCase()] : text;
  if (!expanded) throw new Error(`unrecognized descriptor: ${text}`);
  const fields = expanded.split(/\s+/);
  if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: ${text}`);
  const [mi, h, dom, mo, dow] = fields.map((f, i) => parseField(f, FIELDS[i]));
  return { minutes: mi.values, hours: h.values, dom: dom.values, months: mo.values, dow: dow.values, domStar: dom.star, dowStar: dow.star };
}

/** robfig's day rule: with either day field unrestricted both must match, otherwise either may. */
export function dayMatches(s: CronSchedule, dayOfMonth: number, weekday: number): boolean {
  const d = s.dom.has(dayOfMonth);
  const w = s.dow.has(weekday);
  return s.domStar || s.dowStar ? d && w : d || w;
}
