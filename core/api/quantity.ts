// resource.Quantity as the API server treats it: parsed exactly, compared exactly, and written
// back in canonical form ("0.5" is stored as "500m", "1024Mi" as "1Gi"), which clients see.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value is mantissa × 10^exp, exactly. */
  mantissa: bigint;
  exp: number;
  format: QuantityFormat;
}

export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const SHAPE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_BY_EXP = Object.fromEntries(Object.entries(DECIMAL_SUFFIX).map(([k, v]) => [v, k])) as Record<number, string>;
const BINARY_BY_EXP = Object.fromEntries(Object.entries(BINARY_SUFFIX).map(([k, v]) => [v, k])) as Record<number, string>;

/** Parses a quantity string; throws an Error carrying upstream's message when it is malformed. */
export function parseQuantity(input: string | number): Quantity {
  const text = typeof input === 'number' ? String(input) : input.trim();
  const m = SHAPE.exec(text);
  if (!m) throw new Error(QUANTITY_FORMAT_ERROR);
  const [, num, suffix] = m;
  const negative = num.startsWith('-');
  const digits = num.replace(/^[+-]/, '');
  const parts = digits.split('.');
  if (parts.length > 2 || !/^[0-9]*$/.test(parts[0]) || (parts[1] !== undefined && !/^[0-9]*$/.test(parts[1])) || digits === '.' || digits === '')
    throw new Error('unable to parse numeric part of quantity');
  let mantissa = BigInt((parts[0] || '0') + (parts[1] ?? ''));
  let exp = -(parts[1]?.length ?? 0);
  let format: QuantityFormat;
  if (suffix in DECIMAL_SUFFIX) {
    format = 'DecimalSI';
    exp += DECIMAL_SUFFIX[suffix];
  } else if (suffix in BINARY_SUFFIX) {
    format = 'BinarySI';
    mantissa *= 1024n ** BigInt(BINARY_SUFFIX[suffix]);
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    format = 'DecimalExponent';
    exp += Number(suffix.slice(1));
  } else {
    throw new Error("unable to parse quantity's suffix");
  }
  if (negative) mantissa = -mantissa;
  // Upstream keeps nothing finer than nano units and rounds up to reach them.
  return roundUp({ mantissa, exp, format }, -9);
}

export function tryParseQuantity(input: unknown): Quantity | undefined {
  if (typeof input !== 'string' && typeof input !== 'number') return undefined;
  try {
    return parseQuantity(input);
  } catch {
    return undefined;
  }
}

/** Rounds away from zero so no digit remains below 10^scale. */
export function roundUp(q: Quantity, scale: number): Quantity {
  if (q.exp >= scale) return q;
  const div = 10n ** BigInt(scale - q.exp);
  let m = q.mantissa / div;
  if (q.mantissa % div !== 0n) m += q.mantissa > 0n ? 1n : -1n;
  return { mantissa: m, exp: scale, format: q.format };
}

export function compareQuantity(a: Quantity, b: Quantity): number {
  const e = Math.min(a.exp, b.exp);
  const x = a.mantissa * 10n ** BigInt(a.exp - e);
  const y = b.mantissa * 10n ** BigInt(b.exp - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function addQuantity(a: Quantity, b: Quantity): Quantity {
  const e = Math.min(a.exp, b.exp);
  return { mantissa: a.mantissa * 10n ** BigInt(a.exp - e) + b.mantissa * 10n ** BigInt(b.exp - e), exp: e, format: a.format };
}

export const isZero = (q: Quantity): boolean => q.mantissa === 0n;
export const isNegative = (q: Quantity): boolean => q.mantissa < 0n;

/** Whether the value is a whole number (memory quantities should be). */
export function isInteger(q: Quantity): boolean {
  if (q.exp >= 0) return true;
  return q.mantissa % 10n ** BigInt(-q.exp) === 0n;
}

/** The canonical string upstream serialises. */
export function formatQuantity(q: Quantity): string {
  if (q.mantissa === 0n) return '0';
  if (q.format === 'BinarySI') {
    const whole = wholeValue(q);
    if (whole !== undefined && (whole >= 1024n || whole <= -1024n)) {
      let m = whole;
      let e = 0;
      while (e < 6 && m % 1024n === 0n) {
        m /= 1024n;
        e++;
      }
      return `${m}${BINARY_BY_EXP[e] ?? ''}`;
    }
  }
  let m = q.mantissa;
  let e = q.exp;
  while (m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  const r = ((e % 3) + 3) % 3;
  if (r) {
    m *= 10n ** BigInt(r);
    e -= r;
  }
  if (q.format === 'DecimalExponent') return e === 0 ? `${m}` : `${m}e${e}`;
  const suffix = DECIMAL_BY_EXP[e];
  return suffix === undefined ? `${m}e${e}` : `${m}${suffix}`;
}

function wholeValue(q: Quantity): bigint | undefined {
  if (q.exp >= 0) return q.mantissa * 10n ** BigInt(q.exp);
  const div = 10n ** BigInt(-q.exp);
  return q.mantissa % div === 0n ? q.mantissa / div : undefined;
}

/** Canonicalises every quantity of a ResourceList in place; returns the keys that failed to parse. */
export function canonicalizeResourceList(list: unknown, milli: boolean): string[] {
  if (!list || typeof list !== 'object' || Array.isArray(list)) return [];
  const bad: string[] = [];
  const rec = list as Record<string, unknown>;
  for (const [k, v] of Object.entries(rec)) {
    const q = tryParseQuantity(v);
    if (!q) {
      bad.push(k);
      continue;
    }
    rec[k] = formatQuantity(milli ? roundUp(q, -3) : q);
  }
  return bad;
}

/** The value times 10^scale, rounded up as upstream's ScaledValue does: 0.1 CPU is 100 millicores, never 101. */
export function scaledValue(input: unknown, scale: number): number | undefined {
  const q = tryParseQuantity(input);
  if (!q) return undefined;
  const rounded = roundUp(q, -scale);
  const e = rounded.exp + scale;
  return Number(e >= 0 ? rounded.mantissa * 10n ** BigInt(e) : rounded.mantissa / 10n ** BigInt(-e));
}

/** Millicores, for CPU. */
export function milliValue(input: unknown): number | undefined {
  return scaledValue(input, 3);
}

/** Whole units (bytes, pods, devices), rounded up. */
export function unitValue(input: unknown): number | undefined {
  return scaledValue(input, 0);
}

/** An approximate number for display and usage figures; undefined when it does not parse. */
export function approximateValue(input: unknown): number | undefined {
  const q = tryParseQuantity(input);
  return q ? Number(q.mantissa) * 10 ** q.exp : undefined;
}

/** The canonical string of a quantity as printers show it; text that does not parse is shown as given. */
export function canonicalQuantity(value: string | number | undefined | null): string {
  if (value === undefined || value === null || value === '') return '0';
  const q = tryParseQuantity(value);
  return q ? formatQuantity(q) : String(value);
}
