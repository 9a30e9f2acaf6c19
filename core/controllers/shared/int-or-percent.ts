/** Upstream's GetScaledValueFromIntOrPercent: `25%` of `total`, rounded up or down. */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean, fallback: number | string = 0): number {
  const v = value ?? fallback;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v.trim());
  if (!m) {
    const n = Number(v);
    if (Number.isInteger(n)) return n;
    throw new Error(`invalid value for IntOrString: invalid value "${v}": must be an integer or percentage`);
  }
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}
