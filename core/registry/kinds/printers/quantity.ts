// Resource quantities as resource.Quantity.String() prints them: the canonical form,
// so `1024Mi` shows as `1Gi` and `1.5G` as `1500M`, whatever the client sent.

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIX).map(([s, e]) => [e, s]));
const BINARY_NAMES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

type Format = 'binary' | 'decimal' | 'exponent';

/** An exact value: mantissa × 10^exponent. */
interface Parsed {
  mantissa: bigint;
  exponent: number;
  format: Format;
}

const PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

function parse(text: string): Parsed | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m || (m[2] === '' && !m[3])) return undefined;
  const [, sign, whole, frac = '', suffix, exp] = m;
  let mantissa = BigInt(`${whole}${frac}` || '0');
  let exponent = -frac.length;
  let format: Format = 'decimal';
  if (suffix && suffix in BINARY_SUFFIX) {
    mantissa *= 1024n ** BigInt(BINARY_SUFFIX[suffix]);
    format = 'binary';
  } else if (suffix) {
    exponent += DECIMAL_SUFFIX[suffix];
  } else if (exp !== undefined) {
    exponent += Number(exp);
    format = 'exponent';
  }
  if (sign === '-') mantissa = -mantissa;
  return roundToNano({ mantissa, exponent, format });
}

// Quantities keep at most nanounit precision and round away from zero beyond it.
function roundToNano(q: Parsed): Parsed {
  if (q.exponent >= -9) return q;
  const div = 10n ** BigInt(-9 - q.exponent);
  const neg = q.mantissa < 0n;
  const abs = neg ? -q.mantissa : q.mantissa;
  const rounded = (abs + div - 1n) / div;
  return { ...q, mantissa: neg ? -rounded : rounded, exponent: -9 };
}

function integerValue(q: Parsed): bigint | undefined {
  if (q.exponent >= 0) return q.mantissa * 10n ** BigInt(q.exponent);
  const div = 10n ** BigInt(-q.exponent);
  return q.mantissa % div === 0n ? q.mantissa / div : undefined;
}

function formatBinary(value: bigint): string {
  let n = value;
  let k = 0;
  while (k < BINARY_NAMES.length - 1 && n !== 0n && n % 1024n === 0n) {
    n /= 1024n;
    k++;
  }
  return `${n}${BINARY_NAMES[k]}`;
}

function formatDecimal(q: Parsed): string {
  let { mantissa, exponent } = q;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const rem = ((exponent % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(rem);
  exponent -= rem;
  if (q.format === 'exponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  const suffix = DECIMAL_BY_EXPONENT.get(exponent);
  return suffix === undefined ? `${mantissa}e${exponent}` : `${mantissa}${suffix}`;
}

/** The canonical string of a quantity; text that does not parse is shown as given. */
export function canonicalQuantity(value: string | number | undefined | null): string {
  if (value === undefined || value === null || value === '') return '0';
  const q = parse(String(value));
  if (!q) return String(value);
  if (q.mantissa === 0n) return '0';
  if (q.format === 'binary') {
    const whole = integerValue(q);
    const small = whole !== undefined && whole > -1024n && whole < 1024n;
    // Small or fractional binary amounts print in decimal so nothing is rounded.
    if (whole !== undefined && !small) return formatBinary(whole);
    return formatDecimal({ ...q, format: 'decimal' });
  }
  return formatDecimal(q);
}
