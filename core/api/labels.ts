import { badRequest } from './errors.js';

export type Requirement =
  | { key: string; op: 'exists' | 'notexists' }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: '=' | '!='; values: [string] }
  | { key: string; op: 'gt' | 'lt'; values: [string] };

export type LabelSelector = Requirement[];

export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** Parses `app=web,tier in (a,b),!legacy` as kubectl and client-go write it. */
export function parseLabelSelector(text: string): LabelSelector {
  const reqs: Requirement[] = [];
  const src = text.trim();
  let i = 0;
  const fail = (why: string): never => {
    throw badRequest(`unable to parse requirement: ${why} in label selector "${text}"`);
  };
  const skip = () => {
    while (i < src.length && src[i] === ' ') i++;
  };
  const ident = (): string => {
    skip();
    const start = i;
    while (i < src.length && !' ,=!()<>'.includes(src[i])) i++;
    return src.slice(start, i);
  };
  while (i < src.length) {
    skip();
    if (src[i] === '!') {
      i++;
      const key = ident();
      if (!key) fail('missing key after "!"');
      reqs.push({ key, op: 'notexists' });
    } else {
      const key = ident();
      if (!key) fail('missing key');
      skip();
      if (i >= src.length || src[i] === ',') reqs.push({ key, op: 'exists' });
      else if (src.startsWith('==', i) || src[i] === '=') {
        i += src.startsWith('==', i) ? 2 : 1;
        reqs.push({ key, op: '=', values: [ident()] });
      } else if (src.startsWith('!=', i)) {
        i += 2;
        reqs.push({ key, op: '!=', values: [ident()] });
      } else if (src[i] === '>' || src[i] === '<') {
        const op = src[i] === '>' ? 'gt' : 'lt';
        i++;
        reqs.push({ key, op, values: [ident()] });
      } else {
        const word = ident().toLowerCase();
        if (word !== 'in' && word !== 'notin') fail(`found '${word}', expected: in, notin, =, ==, !=, gt, lt`);
        skip();
        if (src[i] !== '(') fail("found '" + (src[i] ?? '') + "', expected: '('");
        i++;
        const values: string[] = [];
        for (;;) {
          const v = ident();
          values.push(v);
          skip();
          if (src[i] === ',') {
            i++;
            continue;
          }
          if (src[i] === ')') {
            i++;
            break;
          }
          fail("found '" + (src[i] ?? 'end of string') + "', expected: ',', ')'");
        }
        reqs.push({ key, op: word as 'in' | 'notin', values: values.filter((v) => v !== '' || values.length === 1) });
      }
    }
    skip();
    if (i < src.length) {
      if (src[i] !== ',') fail(`found '${src[i]}', expected: ','`);
      i++;
    }
  }
  return reqs;
}

export function matchesLabels(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const r of selector) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'exists':
        if (!has) return false;
        break;
      case 'notexists':
        if (has) return false;
        break;
      case '=':
      case 'in':
        if (!has || !r.values.includes(v)) return false;
        break;
      case '!=':
      case 'notin':
        if (has && r.values.includes(v)) return false;
        break;
      case 'gt':
      case 'lt': {
        if (!has) return false;
        const n = Number(v);
        const bound = Number(r.values[0]);
        if (Number.isNaN(n) || (r.op === 'gt' ? !(n > bound) : !(n < bound))) return false;
        break;
      }
    }
  }
  return true;
}

/** Converts a metav1.LabelSelector; an empty selector matches everything, a missing one nothing. */
export function selectorFromObject(sel: LabelSelectorObject | undefined | null): LabelSelector | null {
  if (!sel) return null;
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key, op: '=', values: [value] });
  for (const e of sel.matchExpressions ?? []) {
    switch (e.operator) {
      case 'In':
        reqs.push({ key: e.key, op: 'in', values: e.values ?? [] });
        break;
      case 'NotIn':
        reqs.push({ key: e.key, op: 'notin', values: e.values ?? [] });
        break;
      case 'Exists':
        reqs.push({ key: e.key, op: 'exists' });
        break;
      case 'DoesNotExist':
        reqs.push({ key: e.key, op: 'notexists' });
        break;
      default:
        throw badRequest(`"${e.operator}" is not a valid label selector operator`);
    }
  }
  return reqs;
}

/** `app=web,tier in (a,b)`: how kubectl and status fields print a selector. */
export function formatLabelSelector(sel: LabelSelector): string {
  return sel
    .map((r) => {
      switch (r.op) {
        case 'exists':
          return r.key;
        case 'notexists':
          return `!${r.key}`;
        case '=':
          return `${r.key}=${r.values[0]}`;
        case '!=':
          return `${r.key}!=${r.values[0]}`;
        case 'in':
          return `${r.key} in (${[...r.values].sort().join(',')})`;
        case 'notin':
          return `${r.key} notin (${[...r.values].sort().join(',')})`;
        case 'gt':
          return `${r.key}>${r.values[0]}`;
        case 'lt':
          return `${r.key}<${r.values[0]}`;
      }
    })
    .join(',');
}

export function matchesSelectorObject(sel: LabelSelectorObject | undefined | null, labels: Record<string, string> | undefined): boolean {
  const parsed = selectorFromObject(sel);
  return parsed !== null && matchesLabels(parsed, labels);
}
