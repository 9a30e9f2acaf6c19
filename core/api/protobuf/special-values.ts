// JSON renderings of the apimachinery types that marshal themselves in Go,
// matching what encoding/json would print for the same value.
import { WireError } from './errors.js';

const MAX_DATE_MS = 8.64e15;

function utcDate(seconds: number | bigint, nanos: number): { date: Date; nanos: number } {
  // time.Unix normalises nanoseconds outside [0, 1e9) into the seconds.
  let secs = typeof seconds === 'bigint' ? seconds : BigInt(seconds);
  secs += BigInt(Math.floor(nanos / 1e9));
  const rest = ((nanos % 1e9) + 1e9) % 1e9;
  const ms = secs * 1000n;
  if (ms > BigInt(MAX_DATE_MS) || ms < -BigInt(MAX_DATE_MS)) throw new WireError(`timestamp ${secs}s is out of range`);
  const date = new Date(Number(ms));
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new WireError(`timestamp year ${year} is outside 0..9999`);
  return { date, nanos: rest };
}

/** metav1.Time: RFC 3339 in UTC with whole seconds. */
export function formatTime(seconds: number | bigint, nanos: number): string {
  return `${utcDate(seconds, nanos).date.toISOString().slice(0, 19)}Z`;
}

/** metav1.MicroTime: RFC 3339 in UTC with exactly six fractional digits. */
export function formatMicroTime(seconds: number | bigint, nanos: number): string {
  const { date, nanos: rest } = utcDate(seconds, nanos);
  const micros = String(Math.floor(rest / 1000)).padStart(6, '0');
  return `${date.toISOString().slice(0, 19)}.${micros}Z`;
}

function trimFraction(whole: bigint, frac: bigint, digits: number): string {
  if (frac === 0n) return String(whole);
  return `${whole}.${String(frac).padStart(digits, '0').replace(/0+$/, '')}`;
}

/** Go's time.Duration.String(): "1h2m3.5s", "150ms", "0s". */
export function formatGoDuration(nanoseconds: number | bigint): string {
  let ns = typeof nanoseconds === 'bigint' ? nanoseconds : BigInt(nanoseconds);
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  if (ns < 0n) ns = -ns;
  if (ns < 1000n) return `${sign}${ns}ns`;
  if (ns < 1_000_000n) return `${sign}${trimFraction(ns / 1000n, ns % 1000n, 3)}µs`;
  if (ns < 1_000_000_000n) return `${sign}${trimFraction(ns / 1_000_000n, ns % 1_000_000n, 6)}ms`;
  const totalSeconds = ns / 1_000_000_000n;
  const seconds = trimFraction(totalSeconds % 60n, ns % 1_000_000_000n, 9);
  const totalMinutes = totalSeconds / 60n;
  if (totalMinutes === 0n) return `${sign}${seconds}s`;
  const hours = totalMinutes / 60n;
  const minutes = totalMinutes % 60n;
  return hours === 0n ? `${sign}${minutes}m${seconds}s` : `${sign}${hours}h${minutes}m${seconds}s`;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard padded base64, as encoding/json writes []byte. */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  const full = bytes.length - (bytes.length % 3);
  for (let i = 0; i < full; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    chunk += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
    // Bounded pieces keep string building linear for megabyte-sized secrets.
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  const rest = bytes.length - full;
  if (rest === 1) {
    const n = bytes[full] << 16;
    chunk += `${ALPHABET[n >> 18]}${ALPHABET[(n >> 12) & 63]}==`;
  } else if (rest === 2) {
    const n = (bytes[full] << 16) | (bytes[full + 1] << 8);
    chunk += `${ALPHABET[n >> 18]}${ALPHABET[(n >> 12) & 63]}${ALPHABET[(n >> 6) & 63]}=`;
  }
  parts.push(chunk);
  return parts.join('');
}
