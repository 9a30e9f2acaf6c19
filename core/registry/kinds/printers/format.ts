import { formatLabelSelector as formatRequirements, selectorFromObject, type LabelSelectorObject } from '../../../api/labels.js';

/** `a=1,b=2` with keys sorted, or `<none>`: how a plain label map prints. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}

/**
 * A metav1.LabelSelector as a selector string, requirements sorted by key as the
 * parsed selector keeps them; `undefined` when the selector does not parse.
 */
export function selectorText(sel: LabelSelectorObject | undefined | null): string | undefined {
  let parsed;
  try {
    parsed = selectorFromObject(sel);
  } catch {
    return undefined;
  }
  if (!parsed) return '';
  return formatRequirements([...parsed].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
}

/** A selector cell: `<none>` for an empty or missing selector, `<error>` for a broken one. */
export function formatSelector(sel: LabelSelectorObject | undefined | null): string {
  const text = selectorText(sel);
  return text === undefined ? '<error>' : text || '<none>';
}

interface ContainerLike {
  name?: string;
  image?: string;
}

/** The Containers and Images cells: each list joined with commas, in spec order. */
export function containerCells(containers: ContainerLike[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

/** Optional booleans print as Go's printBoolPtr does. */
export function boolPtr(value: boolean | undefined | null): string {
  if (value === undefined || value === null) return '<unset>';
  return value ? 'True' : 'False';
}

/** Up to `max` entries, then `a,b,c + 4 more...`; `<unset>` when there is nothing. */
export function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const joined = list.join(',');
  if (more) return `${joined} + ${count - max} more...`;
  return joined || '<unset>';
}

/** Go's net.JoinHostPort: IPv6 hosts are bracketed. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** An IntOrString as Go's String() prints it. */
export function intOrString(value: number | string | undefined | null): string {
  return value === undefined || value === null ? '' : String(value);
}

export function conditionStatus(conditions: Array<{ type?: string; status?: string }> | undefined, type: string): string | undefined {
  return conditions?.find((c) => c.type === type)?.status;
}
