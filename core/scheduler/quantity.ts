import { milliValue as milli, scaledValue, unitValue as unit } from '../api/quantity.js';

// The scheduler counts requests in whole numbers; an unparsable quantity counts as NaN so a
// pod that carries one fits nowhere rather than everywhere.

export function scaledQuantity(value: string | number | undefined, scale: number): number {
  if (value === undefined || value === null) return 0;
  return scaledValue(value, scale) ?? NaN;
}

export function milliValue(value: string | number | undefined): number {
  return value === undefined || value === null ? 0 : (milli(value) ?? NaN);
}

export function unitValue(value: string | number | undefined): number {
  return value === undefined || value === null ? 0 : (unit(value) ?? NaN);
}
