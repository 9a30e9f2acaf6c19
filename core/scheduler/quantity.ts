// Kubernetes resource quantities (`100m`, `1.5Gi`, `2e3`) read exactly, with BigInt, so that
// `0.1` CPU is 100 millicores and never 101.

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

interface Parsed {
  negative: boolean;
  digits: bigint;
  /** Power of ten applied to `digits`. */
  exp10: number;
  /** Power of two applied on top (binary suffixes). */
  exp2: number;
}

function parse(text: string): Parsed | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m || (!m[2] && !m[3])) return undefined;
  const frac = m[3] ?? '';
  const digits = BigInt((m[2] || '0') + frac);
  let exp10 = -frac.length;
  let exp2 = 0;
  if (m[4] !== undefined) {
    if (m[4] in BINARY) exp2 = BINARY[m[4]];
    else exp10 += DECIMAL[m[4]];
  } else if (m[5] !== undefined) exp10 += Number(m[5]);
  return { negative: m[1] === '-', digits, exp10, exp2 };
}

/** The quantity times 10^scale, rounded up (as upstream's ScaledValue does); NaN when unparsable. */
export function scaledQuantity(value: string | number | undefined, scale: number): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return Math.ceil(value * 10 ** scale);
  const q = parse(value);
  if (!q) return NaN;
  let num = q.digits * 2n ** BigInt(q.exp2);
  let den = 1n;
  const e = q.exp10 + scale;
  if (e >= 0) num *= 10n ** BigInt(e);
  else den = 10n ** BigInt(-e);
  let out = num / den;
  if (num % den !== 0n) out += 1n;
  return q.negative ? -Number(out) : Number(out);
}

/** Millicores for CPU. */
export function milliValue(value: string | number | undefined): number {
  return scaledQuantity(value, 3);
}

/** Whole units for everything else (bytes, pods, devices). */
export function unitValue(value: string | number | undefined): number {
  return scaledQuantity(value, 0);
}
