import type { KubeObject } from '../../../api/types.js';
import type { BehaviorTable } from '../behavior.js';
import { joinHostPort, listWithMore } from './format.js';
import { ageColumn, ageOf, column, nameColumn, nameOf, printer } from './table.js';

const MAX = 3;

interface Subset {
  addresses?: Array<{ ip?: string }>;
  ports?: Array<{ port?: number }>;
}

/** `10.0.0.1:80,10.0.0.2:80 + 3 more...`: the first three address:port pairs. */
function formatEndpoints(ep: KubeObject): string {
  const subsets: Subset[] = ep.subsets ?? [];
  if (!subsets.length) return '<none>';
  const list: string[] = [];
  let more = false;
  let count = 0;
  const add = (text: string) => {
    if (list.length === MAX) more = true;
    else list.push(text);
  };
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    // Headless services can have addresses without ports.
    const portList = ss.ports?.length ? ss.ports : [undefined];
    for (const port of portList) {
      count += addresses.length;
      for (const a of addresses) {
        add(port ? joinHostPort(a.ip ?? '', port.port ?? 0) : (a.ip ?? ''));
        if (more) break;
      }
    }
  }
  const joined = list.join(',');
  return more ? `${joined} + ${count - MAX} more...` : joined;
}

const endpointsTable = printer([nameColumn, column('Endpoints', 'The first few ready address:port pairs.'), ageColumn], (ep, now) => [
  nameOf(ep),
  formatEndpoints(ep),
  ageOf(ep, now),
]);

function slicePorts(slice: KubeObject): string {
  const list: string[] = [];
  let count = 0;
  for (const p of (slice.ports ?? []) as Array<{ port?: number; name?: string }>) {
    if (list.length < MAX) list.push(p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*'));
    count++;
  }
  return listWithMore(list, count > MAX, count, MAX);
}

function sliceEndpoints(slice: KubeObject): string {
  const list: string[] = [];
  let count = 0;
  for (const e of (slice.endpoints ?? []) as Array<{ addresses?: string[] }>) {
    for (const a of e.addresses ?? []) {
      if (list.length < MAX) list.push(a);
      count++;
    }
  }
  return listWithMore(list, count > MAX, count, MAX);
}

const endpointSliceTable = printer(
  [nameColumn, column('AddressType', 'The address family of the endpoints.'), column('Ports', 'The first few ports.'), column('Endpoints', 'The first few addresses.'), ageColumn],
  (s, now) => [nameOf(s), s.addressType ?? '', slicePorts(s), sliceEndpoints(s), ageOf(s, now)],
);

export const endpointPrinters: BehaviorTable = {
  '/Endpoints': { table: endpointsTable },
  'discovery.k8s.io/EndpointSlice': { table: endpointSliceTable },
};
