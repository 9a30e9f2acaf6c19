import { nameProblems, qualifiedNameProblems } from '../../../validation/names.js';
import { entriesOf, invalid, tooLong, type Errors } from './field.js';

// Name-shaped fields inside specs, reported the way upstream's Validate* helpers do.

export function dnsLabel(field: string, value: string): Errors {
  return nameProblems(value, 'label').map((p) => invalid(field, value, p));
}

export function dnsSubdomain(field: string, value: string): Errors {
  return nameProblems(value, 'subdomain').map((p) => invalid(field, value, p));
}

export function dns1035(field: string, value: string): Errors {
  return nameProblems(value, 'dns1035').map((p) => invalid(field, value, p));
}

export function qualifiedName(field: string, value: string): Errors {
  return qualifiedNameProblems(value).map((p) => invalid(field, value, p));
}

const PORT_NAME_CHARS = /^[-a-z0-9]+$/;

/** IANA_SVC_NAME, as container and service port names must be. */
export function portNameProblems(name: string): string[] {
  const out: string[] = [];
  if (name.length > 15) out.push('must be no more than 15 characters');
  if (!PORT_NAME_CHARS.test(name)) out.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) out.push('must contain at least one letter (a-z)');
  if (name.includes('--')) out.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) out.push('must not begin or end with a hyphen');
  return out;
}

export function portNumProblems(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** A target port: a number in range or a port name. */
export function portNumOrName(field: string, value: unknown): Errors {
  if (typeof value === 'number') return portNumProblems(value).map((p) => invalid(field, value, p));
  if (typeof value === 'string') return portNameProblems(value).map((p) => invalid(field, value, p));
  return [invalid(field, value, 'must contain at least one letter (a-z)')];
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** IsConfigMapKey: the keys of ConfigMaps, Secrets and projected items. */
export function configKeyProblems(key: string): string[] {
  const out: string[] = [];
  if (key.length > 253) out.push('must be no more than 253 characters');
  if (!CONFIG_KEY.test(key))
    out.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
  if (key === '.') out.push("must not be '.'");
  else if (key === '..') out.push("must not be '..'");
  else if (key.startsWith('..')) out.push("must not start with '..'");
  return out;
}

export function percentProblems(value: string): string[] {
  return /^[0-9]+%$/.test(value) ? [] : ["a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"];
}

const TOTAL_ANNOTATION_BYTES = 256 * 1024;

/** Annotations outside top-level metadata (pod templates): keys qualified, total size capped. */
export function validateAnnotations(annotations: unknown, field: string): Errors {
  const errs: Errors = [];
  let total = 0;
  for (const [k, v] of entriesOf(annotations)) {
    for (const p of qualifiedNameProblems(k.toLowerCase())) errs.push(invalid(field, k, p));
    total += k.length + String(v).length;
  }
  if (total > TOTAL_ANNOTATION_BYTES) errs.push(tooLong(field, TOTAL_ANNOTATION_BYTES));
  return errs;
}
