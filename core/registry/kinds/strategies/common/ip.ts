import { isIPv4, isIPv6 } from 'node:net';
import { invalid, type Errors } from './field.js';

// IP and CIDR checks with upstream's wording; the service allocator does the arithmetic.

const IP_MSG = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
const CIDR_MSG = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

export const isIP = (s: string): boolean => isIPv4(s) || isIPv6(s);

export function validIP(field: string, value: string): Errors {
  return isIP(value) ? [] : [invalid(field, value, IP_MSG)];
}

export function isCIDR(s: string): boolean {
  const [ip, bits, extra] = s.split('/');
  if (extra !== undefined || bits === undefined || !/^[0-9]+$/.test(bits)) return false;
  const n = Number(bits);
  return (isIPv4(ip) && n <= 32) || (isIPv6(ip) && n <= 128);
}

export function validCIDR(field: string, value: string): Errors {
  return isCIDR(value) ? [] : [invalid(field, value, CIDR_MSG)];
}

export function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

export function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}
