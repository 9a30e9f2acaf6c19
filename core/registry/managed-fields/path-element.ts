import { isJsonObject } from '../patch/index.js';

// A path element as managedFields spell it: `f:<field>`, `k:<key fields as
// JSON>`, `v:<value as JSON>` or `i:<index>`. The serialized form is canonical
// (key fields sorted by name, compact JSON written the way Go writes it), so
// two elements are equal exactly when their strings are, and the string is what
// sets use as the key.

export type PathElementType = 'f' | 'k' | 'v' | 'i';

/** JSON as Go's encoder writes it: compact, with <, > and & escaped, object keys sorted. */
export function goJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (isJsonObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${goJson(k)}:${goJson(value[k])}`)
      .join(',')}}`;
  if (value === undefined) return 'null';
  const text = JSON.stringify(value);
  return typeof value === 'string' && HTML_UNSAFE.test(text) ? text.replace(HTML_UNSAFE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}

const HTML_UNSAFE = /[<>&\u2028\u2029]/;
const HTML_UNSAFE_ALL = /[<>&\u2028\u2029]/g;

export const fieldElement = (name: string): string => `f:${name}`;
export const valueElement = (value: unknown): string => `v:${goJson(value)}`;
export const indexElement = (index: number): string => `i:${index}`;

/** `fields` are [name, value] pairs; they are sorted by name as upstream does. */
export function keyElement(fields: Array<[string, unknown]>): string {
  const sorted = fields.length > 1 ? [...fields].sort((a, b) => compareStrings(a[0], b[0])) : fields;
  return `k:{${sorted.map(([k, v]) => `${goJson(k)}:${goJson(v)}`).join(',')}}`;
}

export class PathElementError extends Error {}

/** Parses and re-serializes a managedFields key; undefined for element types this version does not know (upstream skips those). */
export function canonicalElement(raw: string): string | undefined {
  if (raw.length < 2 || raw[1] !== ':') throw new PathElementError(`key must be 2 characters long: ${raw}`);
  const body = raw.slice(2);
  switch (raw[0]) {
    case 'f':
      return raw;
    case 'v':
      return valueElement(parseJson(body, raw));
    case 'k': {
      const fields = parseJson(body, raw);
      if (!isJsonObject(fields)) throw new PathElementError(`key element is not an object: ${raw}`);
      return keyElement(Object.entries(fields));
    }
    case 'i': {
      if (!/^-?\d+$/.test(body)) throw new PathElementError(`invalid index: ${raw}`);
      return indexElement(Number(body));
    }
    default:
      return undefined;
  }
}

function parseJson(text: string, raw: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new PathElementError(`invalid path element: ${raw}`);
  }
}

/** Byte-wise comparison, as Go compares strings (UTF-16 order differs only outside the BMP). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const TYPE_RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

function valueRank(v: unknown): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (Array.isArray(v)) return 3;
  if (isJsonObject(v)) return 4;
  return 5;
}

/** Upstream's total order of values: numbers, strings, booleans, lists, maps, null. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = valueRank(a);
  const rb = valueRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number') return a - (b as number);
  if (typeof a === 'string') return compareStrings(a, b as string);
  if (typeof a === 'boolean') return Number(a) - Number(b);
  if (Array.isArray(a)) {
    const bl = b as unknown[];
    for (let i = 0; i < Math.min(a.length, bl.length); i++) {
      const c = compareValues(a[i], bl[i]);
      if (c) return c;
    }
    return a.length - bl.length;
  }
  if (isJsonObject(a)) return compareFieldLists(Object.entries(a), Object.entries(b as object));
  return 0;
}

function compareFieldLists(a: Array<[string, unknown]>, b: Array<[string, unknown]>): number {
  const sa = [...a].sort((x, y) => compareStrings(x[0], y[0]));
  const sb = [...b].sort((x, y) => compareStrings(x[0], y[0]));
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const c = compareStrings(sa[i][0], sb[i][0]) || compareValues(sa[i][1], sb[i][1]);
    if (c) return c;
  }
  return sa.length - sb.length;
}

/** Sorts serialized elements in upstream's order, parsing each key or value element once. */
export function sortElements(elements: string[]): string[] {
  if (elements.every((e) => e[0] === 'f')) return elements.sort(compareStrings);
  const decorated = elements.map((e) => ({ e, rank: TYPE_RANK[e[0]] ?? 4, v: e[0] === 'f' || e[0] === 'i' ? undefined : JSON.parse(e.slice(2)) as unknown }));
  decorated.sort((x, y) => {
    if (x.rank !== y.rank) return x.rank - y.rank;
    switch (x.e[0]) {
      case 'k':
        return compareFieldLists(Object.entries(x.v as object), Object.entries(y.v as object));
      case 'v':
        return compareValues(x.v, y.v);
      case 'i':
        return Number(x.e.slice(2)) - Number(y.e.slice(2));
      default:
        return compareStrings(x.e, y.e);
    }
  });
  return decorated.map((d) => d.e);
}

/** The order upstream sorts path elements in: fields, then keys, then values, then indices. */
export function compareElements(a: string, b: string): number {
  const ta = TYPE_RANK[a[0]] ?? 4;
  const tb = TYPE_RANK[b[0]] ?? 4;
  if (ta !== tb) return ta - tb;
  const ba = a.slice(2);
  const bb = b.slice(2);
  switch (a[0]) {
    case 'f':
      return compareStrings(ba, bb);
    case 'k':
      return compareFieldLists(Object.entries(JSON.parse(ba) as object), Object.entries(JSON.parse(bb) as object));
    case 'v':
      return compareValues(JSON.parse(ba), JSON.parse(bb));
    case 'i':
      return Number(ba) - Number(bb);
    default:
      return compareStrings(a, b);
  }
}

/** How conflicts print a path element: `.spec`, `[name="web"]`, `[="a"]`, `[0]`. */
export function elementString(pe: string): string {
  const body = pe.slice(2);
  switch (pe[0]) {
    case 'f':
      return `.${body}`;
    case 'k': {
      const fields = Object.entries(JSON.parse(body) as Record<string, unknown>).sort((x, y) => compareStrings(x[0], y[0]));
      return `[${fields.map(([k, v]) => `${k}=${valueString(v)}`).join(',')}]`;
    }
    case 'v':
      return `[=${valueString(JSON.parse(body))}]`;
    case 'i':
      return `[${body}]`;
    default:
      return pe;
  }
}

/** Go's rendering of a value inside a path: strings quoted, numbers and booleans bare. */
function valueString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(valueString).join(',')}]`;
  if (isJsonObject(v)) return Object.keys(v).map((k) => `${k}=${valueString(v[k])}`).join('');
  return String(v);
}

export function pathString(path: readonly string[]): string {
  return path.map(elementString).join('');
}
