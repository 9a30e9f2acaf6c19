import { approximateValue } from '../api/quantity.js';

/** Kubernetes resource quantities (`500m`, `2Gi`, `1e3`) as plain numbers, for display only; 0 when unreadable. */
export function parseQuantity(q: unknown): number {
  return typeof q === 'number' ? q : (approximateValue(q) ?? 0);
}
