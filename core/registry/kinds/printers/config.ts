import type { KubeObject } from '../../../api/types.js';
import type { BehaviorTable } from '../behavior.js';
import { canonicalQuantity } from './quantity.js';
import { ageColumn, ageOf, column, createdAtPrinter, nameColumn, nameOf, printer } from './table.js';

const configMapTable = printer([nameColumn, column('Data', 'Number of data and binary data entries.'), ageColumn], (cm, now) => [
  nameOf(cm),
  Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length,
  ageOf(cm, now),
]);

// stringData is merged into data on write, so a key in both counts once.
function secretKeys(secret: KubeObject): number {
  return new Set([...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})]).size;
}

const secretTable = printer([nameColumn, column('Type', 'The kind of secret.'), column('Data', 'Number of data entries.'), ageColumn], (s, now) => [
  nameOf(s),
  s.type ?? 'Opaque',
  secretKeys(s),
  ageOf(s, now),
]);

// 1.34 still shows the count of referenced secrets; the column is gone from 1.35 on.
const serviceAccountTable = printer([nameColumn, column('Secrets', 'Number of secrets the account references.'), ageColumn], (sa, now) => [
  nameOf(sa),
  (sa.secrets ?? []).length,
  ageOf(sa, now),
]);

/** `cpu: 100m/1, pods: 2/10` for requests and `limits.cpu: 0/2` for limits, sorted by name. */
function quotaUsage(rq: KubeObject): [string, string] {
  const hard: Record<string, string> = rq.status?.hard ?? {};
  const used: Record<string, string> = rq.status?.used ?? {};
  const requests: string[] = [];
  const limits: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const parts = name.split('.');
    const target = parts.length > 1 && parts[0] === 'limits' ? limits : requests;
    target.push(`${name}: ${canonicalQuantity(used[name])}/${canonicalQuantity(hard[name])}`);
  }
  return [requests.join(', '), limits.join(', ')];
}

const resourceQuotaTable = printer(
  [nameColumn, column('Request', 'Used out of hard for everything but limits.'), column('Limit', 'Used out of hard for limits.'), ageColumn],
  (rq, now) => [nameOf(rq), ...quotaUsage(rq), ageOf(rq, now)],
);

export const configPrinters: BehaviorTable = {
  '/ConfigMap': { table: configMapTable },
  '/Secret': { table: secretTable, fieldSelectors: { type: (s) => s.type ?? 'Opaque' } },
  '/ServiceAccount': { table: serviceAccountTable },
  '/ResourceQuota': { table: resourceQuotaTable },
  '/LimitRange': { table: createdAtPrinter },
};
