import { approximateValue, milliValue } from '../../api/quantity.js';

// Resource quantities as the kubelet needs them: numbers for cgroup limits.

export function parseQuantity(value: unknown): number | undefined {
  return typeof value === 'number' ? value : approximateValue(value);
}

/** CPU in millicores, rounded up as the kubelet does. */
export function milliCpu(value: unknown): number | undefined {
  return milliValue(value);
}
